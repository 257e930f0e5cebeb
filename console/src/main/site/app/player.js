// The recording player: the browser's own controls (seek, volume), a speed choice and 10-second steps. The link is a
// credential: it is only ever the <audio>'s source, never shown or logged. When it has expired, a new one is asked
// for the same purpose and play carries on where it was, said quietly to screen readers.
import { explain } from './messages.js';
import { button, clock, h, liveStatus, select } from './ui.js';

const SPEEDS = ['0.75', '1', '1.25', '1.5', '2'];
const STEP_SECONDS = 10;

/** link: {url, expiresAt}; renew(): a promise of a new link for the same purpose. */
export function player(link, renew) {
  const audio = h('audio', { 'data-test': 'player', controls: true, preload: 'auto', 'aria-label': 'Recording' });
  const status = liveStatus();
  const problem = h('div');
  const speed = select({ id: 'speed', label: 'Playback speed', value: '1', options: SPEEDS.map((value) => ({ value, text: `${value}×` })) });
  let expiresAt = Date.parse(link.expiresAt);
  let position = 0; // where play was, kept because a failed load resets currentTime
  let renewing = null;
  let playedSinceRenewal = true;

  const rate = () => Number(speed.querySelector('select').value);
  const load = (url) => {
    audio.src = url;
    audio.defaultPlaybackRate = rate();
  };

  async function renewAndResume(at, resume) {
    if (renewing) return renewing;
    renewing = (async () => {
      problem.replaceChildren();
      try {
        const fresh = await renew();
        expiresAt = Date.parse(fresh.expiresAt);
        playedSinceRenewal = false;
        load(fresh.url);
        await new Promise((resolve) => audio.addEventListener('loadedmetadata', resolve, { once: true }));
        audio.currentTime = at;
        audio.playbackRate = rate();
        if (resume) await audio.play().catch(() => {});
        status.textContent = `The link to the recording had expired, so we asked for a new one. Carrying on from ${clock(at)}.`;
      } catch (error) {
        if (error?.status === 401) return;
        const { title, text } = explain(error);
        problem.replaceChildren(h('div', { class: 'govuk-inset-text' }, `${title}. ${text}`));
      } finally {
        renewing = null;
      }
    })();
    return renewing;
  }

  const expired = () => Date.now() >= expiresAt;
  const buffered = (time) => Array.from({ length: audio.buffered.length }, (_, index) => index)
    .some((index) => audio.buffered.start(index) <= time && time <= audio.buffered.end(index));

  function seekTo(time) {
    const target = Math.max(0, Math.min(time, Number.isFinite(audio.duration) ? audio.duration : time));
    if (expired() && !buffered(target)) renewAndResume(target, !audio.paused);
    else audio.currentTime = target;
  }

  audio.addEventListener('timeupdate', () => {
    if (!renewing) position = audio.currentTime;
  });
  audio.addEventListener('playing', () => {
    playedSinceRenewal = true;
  });
  audio.addEventListener('seeking', () => {
    if (renewing) return;
    position = audio.currentTime; // where to carry on if the store refuses the link on the way there
    if (expired() && !buffered(position)) renewAndResume(position, !audio.paused);
  });
  audio.addEventListener('error', () => {
    if (renewing) return;
    // A fresh link that fails before playing at all is not an expiry: say so rather than ask again and again.
    if (!playedSinceRenewal && !expired()) {
      problem.replaceChildren(h('div', { class: 'govuk-inset-text' }, 'The recording could not be played. Reload the page and try again.'));
      return;
    }
    renewAndResume(position, true);
  });
  speed.querySelector('select').addEventListener('change', () => {
    audio.playbackRate = rate();
    audio.defaultPlaybackRate = rate();
  });

  load(link.url);
  return h('div', { class: 'app-player' },
    audio,
    h('div', { class: 'app-player__controls' },
      button(`Back ${STEP_SECONDS} seconds`, { type: 'button', secondary: true, onclick: () => seekTo(audio.currentTime - STEP_SECONDS) }),
      button(`Forward ${STEP_SECONDS} seconds`, { type: 'button', secondary: true, onclick: () => seekTo(audio.currentTime + STEP_SECONDS) })),
    speed, status, problem);
}

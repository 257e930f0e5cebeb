// #/quarantine: uploads that could not be classified, kept only for the short quarantine period, with why in words.
import { api, segment } from '../api.js';
import { explain, label } from '../messages.js';
import { button, h, problem, scrollRegion, ukDate, ukDateTime } from '../ui.js';
import { dpoPage } from './dpo-page.js';

/** Why an upload was quarantined, for each of QuarantineReason's codes in shared. */
const QUARANTINE_REASONS = {
  'key-unparseable': 'Its file name does not follow the council/team/channel/year/month/day/call pattern.',
  'unknown-council': 'Its file name names a council this service does not keep recordings for.',
  'unknown-team': 'Its file name names a team the council’s policy does not list.',
  'unknown-channel': 'Its file name names a channel other than phone or web chat.',
  'empty-object': 'The file is empty.',
  'content-mismatch': 'The file is not of its channel’s kind: a phone call must be WAV or MP3 audio, a web chat a JSON transcript.',
  'date-mismatch': 'The time it says the call was recorded is unreadable, or falls on another UK date than the one in its file name.',
  'before-recording-began': 'It says it was recorded before the council’s retention rules began.',
  'recorded-in-future': 'It says it was recorded in the future.',
};

export function register() {
  dpoPage('#/quarantine', 'Quarantined uploads', 'Quarantine', quarantinePage);
}

async function quarantinePage(main, council) {
  main.append(h('p', { class: 'govuk-body' },
    `Uploads to ${council.name} that could not be filed under a team and date. Only you can open them, and each is deleted at the end `
    + 'of the short quarantine period. Ask the call platform’s supplier to correct them and upload them again.'));
  const list = h('div', {});
  main.append(list);
  await showPage(list, council, null, []);
}

async function showPage(list, council, nextToken, shown) {
  let page;
  try {
    page = await api.get('/recordings', { quarantined: 'true', council: council.council, nextToken });
  } catch (error) {
    list.replaceChildren(problem(explain(error)));
    return;
  }
  const recordings = shown.concat(page.recordings);
  if (recordings.length === 0) {
    list.replaceChildren(h('p', { class: 'govuk-body' }, 'No upload is in quarantine.'));
    return;
  }
  const firstNew = page.recordings[0]?.recordingId;
  const more = page.nextToken && button('Show more', { secondary: true, type: 'button', onclick: async () => {
    await showPage(list, council, page.nextToken, recordings);
    list.querySelector(`tr[data-recording-id="${CSS.escape(firstNew || '')}"] a`)?.focus();
  } });
  list.replaceChildren(scrollRegion('Quarantined uploads', quarantineTable(recordings)), more || '');
}

function quarantineTable(recordings) {
  const cell = (...content) => h('td', { class: 'govuk-table__cell' }, ...content);
  return h('table', { class: 'govuk-table', 'data-test': 'recordings' },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, 'Quarantined uploads, newest first'),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' },
      ['Recorded (UK time)', 'Team', 'Channel', 'Why it is in quarantine', 'Deleted on', 'Upload']
        .map((name) => h('th', { class: 'govuk-table__header', scope: 'col' }, name)))),
    h('tbody', { class: 'govuk-table__body' }, recordings.map((r) => h('tr', { class: 'govuk-table__row', 'data-recording-id': r.recordingId },
      cell(r.recordedAt ? ukDateTime(r.recordedAt) : 'Not known'),
      cell(label(r.team) || 'Not known'),
      cell(label(r.channel) || 'Not known'),
      h('td', { class: 'govuk-table__cell', 'data-test': 'reason' },
        QUARANTINE_REASONS[r.quarantineReason] || `It could not be classified (${r.quarantineReason || 'no reason recorded'}).`),
      cell(r.expiresOn ? ukDate(r.expiresOn) : 'Not known'),
      cell(h('a', { class: 'govuk-link', href: `#/recordings/${segment(r.recordingId)}` },
        'View', h('span', { class: 'govuk-visually-hidden' }, ` the upload of ${r.recordedAt ? ukDateTime(r.recordedAt) : r.recordingId}`)))))));
}

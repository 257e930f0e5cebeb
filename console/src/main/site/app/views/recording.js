// #/recordings/:recordingId: one recording. Played (or, for a web chat, read) only after the user has said why;
// held by the team's managers and the DPO; asked for in writing by staff where the council requires it.
import { api, ApiError, segment } from '../api.js';
import { conversationOf } from '../conversation.js';
import { explain, interval, label } from '../messages.js';
import { player } from '../player.js';
import { councilOf, isDpo, me, roleIn } from '../profile.js';
import { navigate, route } from '../router.js';
import {
  banner, button, checkedValue, dateInput, duration, h, heading, radios, readDate, setTitle, showErrors,
  stateTag, summaryList, textInput, textarea, ukDate, ukDateTime, ukDayOf, ukTime, ukToday,
} from '../ui.js';

export function register() {
  route('#/recordings/:recordingId', recordingView);
}

let flash = null; // a success to announce once the page has been drawn again

async function recordingView(container, { recordingId }) {
  const profile = await me();
  let recording;
  try {
    recording = await api.get(`/recordings/${segment(recordingId)}`);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 401) throw error;
    const { title, text } = explain(error);
    container.append(heading(error.status === 404 ? 'Recording not found' : title),
      h('p', { class: 'govuk-body' }, text),
      h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '#/recordings' }, 'Back to recordings')));
    setTitle(error.status === 404 ? 'Recording not found' : title);
    return;
  }
  const council = councilOf(profile, recording.council);
  const role = roleIn(council, recording.team);
  const webChat = recording.channel === 'webchat';
  const title = `${webChat ? 'Web chat' : 'Call'} on ${ukDate(ukDayOf(recording.recordedAt))} at ${ukTime(recording.recordedAt)}`;
  const teamName = council?.teams.find((team) => team.team === recording.team)?.name || label(recording.team);

  container.append(h('a', { class: 'govuk-back-link', href: '#/recordings' }, 'Back to recordings'));
  if (flash) container.append(banner(flash, 'success'));
  flash = null;
  container.append(heading(title, teamName), details(recording, teamName));
  setTitle(title);

  const context = { profile, council, role, reload: () => navigate(location.hash) };
  const manages = role === 'manager' || role === 'dpo';
  if (manages) container.append(playSection(recording, council));
  else if (role === 'staff' && council.accessRequestsRequired) container.append(playSection(recording, council, { staff: true }), accessRequestSection(recording, council));
  else container.append(h('p', { class: 'govuk-body' }, 'Your role does not allow playing recordings in this council. Ask a manager of the team.'));
  if (manages && recording.state !== 'deleted') container.append(holdSection(recording, council, context));
  if (manages && council.purposes.includes('training') && recording.state !== 'deleted' && recording.state !== 'quarantined') {
    container.append(trainingCopySection(recording, council));
  }
  if (isDpo(council)) await dpoActions(container, recording, context);
}

function details(recording, teamName) {
  const holds = recording.holds || [];
  return summaryList([
    ['Recorded (UK time)', ukDateTime(recording.recordedAt)],
    ['Team', teamName],
    ['Channel', label(recording.channel)],
    ['Direction', label(recording.direction)],
    ['Agent', recording.agent],
    ['Duration', recording.durationSeconds === undefined ? null : duration(recording.durationSeconds)],
    ['Call id', recording.callId],
    ['State', stateTag(recording.state)],
    ['Deleted on', recording.expiresOn ? `${ukDate(recording.expiresOn)}${holds.length ? ', unless still on hold' : ''}` : null],
    // Staff are not shown holds (their reasons may be about them): the API leaves them out.
    ['Training copy of', recording.trainingCopyOf ? recordingLink(recording.trainingCopyOf) : null],
    ['Training copies', recording.trainingCopies?.length ? h('ul', { class: 'govuk-list' }, recording.trainingCopies.map((id) => h('li', {}, recordingLink(id)))) : null],
    ['Holds', !recording.holds ? null : holds.length ? h('ul', { class: 'govuk-list' }, holds.map((hold) => h('li', {},
      `${label(hold.reason)}, reference ${hold.reference}, placed by ${hold.placedBy} on ${ukDateTime(hold.placedAt)}; review by ${ukDate(hold.reviewOn)}`))) : 'None'],
  ]);
}

// Staff with an approved request play with the purpose they named; remembered for this visit only.
const requestedPurpose = new Map();

function playSection(recording, council, { staff = false } = {}) {
  const webChat = recording.channel === 'webchat';
  const purpose = radios({
    name: 'purpose',
    legend: webChat ? 'Why are you reading this conversation?' : 'Why are you playing this recording?',
    hint: 'Your reason is written to the audit trail with your name.',
    items: council.purposes.map((value) => ({ value, text: label(value) })),
    value: requestedPurpose.get(recording.recordingId),
  });
  const reference = textInput({ id: 'reference', label: 'Reference (optional)', hint: 'For example, the complaint or case number', width: 20 });
  const action = webChat ? 'Open conversation' : 'Play recording';
  const form = h('form', { novalidate: true }, purpose, reference, button(action));
  const section = h('section', { 'aria-labelledby': 'play-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'play-heading' }, webChat ? 'Read the conversation' : 'Listen to the recording'),
    staff ? h('p', { class: 'govuk-body' }, 'You can play it once a manager has approved your access request, for the purpose the request gave.') : null,
    form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = checkedValue(form, 'purpose');
    if (!chosen) {
      showErrors(section, [{ text: webChat ? 'Choose why you are reading this conversation' : 'Choose why you are playing this recording', field: purpose }]);
      return;
    }
    const body = { purpose: chosen };
    const ref = form.querySelector('#reference').value.trim();
    if (ref) body.reference = ref;
    const ask = () => api.post(`/recordings/${segment(recording.recordingId)}/playback-url`, body);
    let link;
    try {
      link = await ask();
    } catch (error) {
      if (error.status === 401) return;
      const { title, text } = explain(error, council);
      showErrors(section, [{ text: `${title}. ${text}`, field: error.code === 'purpose-not-allowed' ? purpose : null }]);
      return;
    }
    showErrors(section, []);
    const shown = webChat ? await conversation(link) : player(link, ask);
    form.replaceWith(h('p', { class: 'govuk-body' }, `Purpose: ${label(chosen)}${ref ? `, reference ${ref}` : ''}.`), shown);
    if (!webChat) shown.querySelector('audio').focus();
  });
  return section;
}

async function conversation(link) {
  let text;
  try {
    const response = await fetch(link.url, { cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!response.ok) throw new Error(String(response.status));
    text = await response.text();
  } catch {
    return h('div', { class: 'govuk-inset-text' }, 'We could not open the conversation. Reload the page and try again.');
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  const messages = data === undefined ? null : conversationOf(data);
  if (!messages) {
    return h('div', {},
      h('p', { class: 'govuk-body' }, 'The platform sent this conversation in a form this page cannot lay out, so it is shown as it was sent.'),
      h('pre', { class: 'app-raw', tabindex: '0', 'aria-label': 'The conversation as sent' }, data === undefined ? text : JSON.stringify(data, null, 2)));
  }
  if (!messages.length) return h('p', { class: 'govuk-body' }, 'The conversation has no messages.');
  return h('ol', { class: 'app-conversation', 'aria-label': 'Conversation' }, messages.map((message) =>
    h('li', { class: 'app-conversation__message' },
      h('p', { class: 'govuk-body-s app-conversation__meta' },
        h('strong', {}, speaker(message.speaker)),
        message.at ? [' ', h('time', { datetime: message.at }, ukTime(message.at, true))] : null),
      h('p', { class: 'govuk-body app-conversation__text' }, message.text))));
}

function speaker(name) {
  return /^[a-z]+$/i.test(name) ? label(name.toLowerCase()) : name; // "CUSTOMER" → "Customer"; "agent-7" stays
}

function holdSection(recording, council, context) {
  const max = interval(council.maxHoldReviewInterval) || '12 months';
  const reason = radios({ name: 'hold-reason', legend: 'Reason for the hold', items: council.holdReasons.map((value) => ({ value, text: label(value) })) });
  const reference = textInput({ id: 'hold-reference', label: 'Reference', hint: 'For example, the complaint, claim or case number', width: 20 });
  const reviewOn = dateInput({ id: 'review-on', legend: 'Review date', hint: `When the hold should be looked at again: after today and no more than ${max} ahead. For example, ${exampleDate()}.` });
  const form = h('form', { novalidate: true }, reason, reference, reviewOn, button('Place hold', { secondary: true }));
  const section = h('section', { 'aria-labelledby': 'hold-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'hold-heading' }, 'Keep this recording (hold)'),
    h('p', { class: 'govuk-body' }, 'A hold keeps the recording past its deletion date, for example while a complaint or claim is open, until the data protection officer releases it.'),
    form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = checkedValue(form, 'hold-reason');
    const ref = form.querySelector('#hold-reference').value.trim();
    const date = readDate(form, 'review-on', 'The review date');
    const errors = [];
    if (!chosen) errors.push({ text: 'Choose the reason for the hold', field: reason });
    if (!ref) errors.push({ text: 'Enter a reference for the hold', field: reference });
    if (date.error) errors.push({ text: date.error, field: reviewOn });
    else if (!date.value) errors.push({ text: 'Enter a review date', field: reviewOn });
    else if (date.value <= ukToday()) errors.push({ text: 'The review date must be after today', field: reviewOn });
    if (showErrors(section, errors)) return;
    try {
      await api.post(`/recordings/${segment(recording.recordingId)}/holds`, { reason: chosen, reference: ref, reviewOn: date.value });
    } catch (error) {
      if (error.status === 401) return;
      // A refusal about one field is shown at that field, in the field's own short words.
      const fields = { 'reason-not-allowed': reason, 'review-date-not-after-today': reviewOn, 'review-date-too-far': reviewOn };
      const { title, text } = explain(error, council);
      showErrors(section, [{ text: fields[error.code] ? title : `${title}. ${text}`, field: fields[error.code] }]);
      return;
    }
    flash = `The recording is on hold. Review the hold by ${ukDate(date.value)}.`;
    context.reload();
  });
  return section;
}

function recordingLink(recordingId) {
  return h('a', { class: 'govuk-link', href: `#/recordings/${recordingId}` }, recordingId);
}

/**
 * A training copy: a new recording with the parts named cut out (a web chat's phone numbers, e-mail addresses, card
 * numbers and postcodes always), kept for the council's training period; the recording itself is not changed.
 */
function trainingCopySection(recording, council) {
  const webChat = recording.channel === 'webchat';
  const cut = webChat
    ? textInput({ id: 'cut-messages', label: 'Messages to cut out (optional)', hint: 'Numbered from 1 for the first message, separated by commas, for example 2, 5. Phone numbers, e-mail addresses, card numbers and postcodes are always cut out.', width: 20 })
    : textInput({ id: 'cut-ranges', label: 'Parts to cut out', hint: 'Seconds from the start, as from-to, separated by commas. For example, 12.5-20, 31-33.', width: 20 });
  const reference = textInput({ id: 'training-reference', label: 'Training reference', hint: 'For example, the course or session', width: 20 });
  const form = h('form', { novalidate: true }, cut, reference, button('Make training copy', { secondary: true }));
  const section = h('section', { 'aria-labelledby': 'training-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'training-heading' }, 'Make a training copy'),
    h('p', { class: 'govuk-body' }, `The copy is a new recording with those parts${webChat ? ' and the customer\'s contact and card details' : ''} cut out and nothing that leads to the caller, kept for ${council.name}'s training period. This recording is not changed.`),
    form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = form.querySelector(webChat ? '#cut-messages' : '#cut-ranges').value.trim();
    const ref = form.querySelector('#training-reference').value.trim();
    const parts = webChat ? messagesToCut(text) : rangesToCut(text);
    const errors = [];
    if (!parts) errors.push({ text: webChat ? 'Enter message numbers from 1, separated by commas' : 'Enter the parts to cut out as from-to in seconds, for example 12.5-20', field: cut });
    if (!ref) errors.push({ text: 'Enter a training reference', field: reference });
    if (showErrors(section, errors)) return;
    let copy;
    try {
      copy = await api.post(`/recordings/${segment(recording.recordingId)}/training-copies`,
        { purpose: 'training', reference: ref, ...(webChat ? { messages: parts } : { cut: parts }) });
    } catch (error) {
      if (error.status === 401) return;
      const { title, text: why } = explain(error, council);
      showErrors(section, [{ text: `${title}. ${why}`, field: error.status === 400 ? cut : null }]);
      return;
    }
    flash = `Training copy made. It is kept until ${ukDate(copy.expiresOn)}.`;
    navigate(`#/recordings/${copy.recordingId}`);
  });
  return section;
}

/** "12.5-20, 31-33" → [{from: 12.5, to: 20}, {from: 31, to: 33}]; null when it is not that shape. */
function rangesToCut(text) {
  const ranges = text.split(',').map((part) => part.trim().match(/^(\d+(?:\.\d{1,3})?)\s*-\s*(\d+(?:\.\d{1,3})?)$/));
  if (!text || ranges.some((range) => !range)) return null;
  return ranges.map((range) => ({ from: Number(range[1]), to: Number(range[2]) }));
}

/** "2, 5" (as people count, from 1) → [1, 4] (as the API counts, from 0); empty is none; null when not numbers. */
function messagesToCut(text) {
  if (!text) return [];
  const numbers = text.split(',').map((part) => part.trim());
  if (numbers.some((n) => !/^[1-9]\d*$/.test(n))) return null;
  return numbers.map((n) => Number(n) - 1);
}

function accessRequestSection(recording, council) {
  const purpose = radios({ name: 'request-purpose', legend: 'Purpose', items: council.purposes.map((value) => ({ value, text: label(value) })) });
  const reason = textarea({ id: 'request-reason', label: 'Why you need to play it', hint: 'The manager reads this when deciding.' });
  const reference = textInput({ id: 'request-reference', label: 'Reference (optional)', hint: 'For example, the complaint or case number', width: 20 });
  const form = h('form', { novalidate: true }, purpose, reason, reference, button('Send request', { secondary: true }));
  const section = h('section', { 'aria-labelledby': 'request-heading' },
    h('h2', { class: 'govuk-heading-m', id: 'request-heading' }, 'Ask to play this recording'),
    h('p', { class: 'govuk-body' }, `${council.name} asks staff for a written request before they play a recording. A manager of the team decides; once approved, you can play it once, for the purpose you give.`),
    form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = checkedValue(form, 'request-purpose');
    const why = form.querySelector('#request-reason').value.trim();
    const ref = form.querySelector('#request-reference').value.trim();
    const errors = [];
    if (!chosen) errors.push({ text: 'Choose the purpose', field: purpose });
    if (!why) errors.push({ text: 'Enter why you need to play the recording', field: reason });
    if (showErrors(section, errors)) return;
    try {
      await api.post(`/recordings/${segment(recording.recordingId)}/access-requests`, { purpose: chosen, reason: why, ...(ref ? { reference: ref } : {}) });
    } catch (error) {
      if (error.status === 401) return;
      const { title, text } = explain(error, council);
      showErrors(section, [{ text: `${title}. ${text}` }]);
      return;
    }
    requestedPurpose.set(recording.recordingId, chosen);
    const done = h('div', { class: 'govuk-panel govuk-panel--confirmation app-panel', tabindex: '-1' },
      h('h2', { class: 'govuk-panel__title' }, 'Your request is waiting for a manager'),
      h('div', { class: 'govuk-panel__body' }, `Purpose: ${label(chosen)}`));
    section.replaceChildren(done,
      h('p', { class: 'govuk-body' }, 'When a manager of the team approves it, come back to this page and play the recording with the same purpose. You can play it once.'));
    done.focus();
  });
  return section;
}

/** The DPO's actions (audit trail, erasure, release, hold release) from their own module; absent in a build without it. */
async function dpoActions(container, recording, context) {
  let module;
  try {
    module = await import('./recording-dpo.js');
  } catch {
    return;
  }
  module.dpoActions(container, recording, context);
}

function exampleDate() {
  const date = new Date();
  date.setUTCMonth(date.getUTCMonth() + 3);
  return `${date.getUTCDate()} ${date.getUTCMonth() + 1} ${date.getUTCFullYear()}`;
}

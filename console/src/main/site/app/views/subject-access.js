// #/subject-access: the DPO finds a caller's recordings by their phone number, for a subject access request, and
// exports them for the data subject: a zip of the recordings with a machine-readable manifest, built on the server,
// downloaded by a short-lived link once it is ready.
import { api, segment } from '../api.js';
import { explain, label } from '../messages.js';
import { banner, button, clearErrors, dateInput, h, problem, readDate, scrollRegion, showErrors, stateTag, textInput,
  ukDate, ukDateTime } from '../ui.js';
import { dpoPage } from './dpo-page.js';

export function register() {
  dpoPage('#/subject-access', 'Subject access', 'Subject access', searchPage);
}

async function searchPage(main, council) {
  const phone = textInput({ id: 'phone', label: 'Caller’s phone number', hint: 'For example, 01572 722577 or +44 7700 900123', type: 'tel',
    width: 20, spellcheck: false });
  const from = dateInput({ id: 'from', legend: 'From', hint: 'For example, 27 3 2026. Leave both dates blank to search every recording still kept.' });
  const to = dateInput({ id: 'to', legend: 'To', hint: 'For example, 31 3 2026' });
  const form = h('form', { novalidate: true }, phone, from, to, button('Search'));
  const results = h('div', {});
  const page = h('div', {},
    h('p', { class: 'govuk-body' }, `Find the recordings of calls to ${council.name} from a caller’s phone number.`),
    h('div', { class: 'govuk-inset-text' },
      h('p', { class: 'govuk-body' }, 'The number is never stored: it is turned into a keyed fingerprint for this search only, and neither the '
        + 'number nor the fingerprint goes into a log or the audit trail.'),
      h('p', { class: 'govuk-body' }, 'The search itself is audited: the trail records that you searched, when, and for which dates.')),
    form, results);
  main.append(page);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const number = form.elements.phone.value.trim();
    const start = readDate(form, 'from', 'The from date');
    const end = readDate(form, 'to', 'The to date');
    const errors = [];
    if (!number) errors.push({ text: 'Enter the caller’s phone number', field: phone });
    if (start.error) errors.push({ text: start.error, field: from });
    if (end.error) errors.push({ text: end.error, field: to });
    if (!start.error && !end.error && start.value && end.value && end.value < start.value) {
      errors.push({ text: 'The to date must be the same as or after the from date', field: to });
    }
    results.replaceChildren();
    if (showErrors(page, errors)) return;
    results.append(h('p', { class: 'govuk-body', role: 'status' }, 'Searching…'));
    try {
      const found = await api.get('/subject-access', { council: council.council, phone: number, from: start.value, to: end.value });
      results.replaceChildren(...found.recordings.length ? foundTable(found.recordings, start.value, end.value) : nothingFound(start.value, end.value),
        exportSection(council, { phone: number, from: start.value, to: end.value }));
      results.querySelector('h2').focus();
    } catch (error) {
      results.replaceChildren();
      clearErrors(page);
      page.prepend(problem(explain(error)));
    }
  });
}

function range(from, to) {
  if (from && to) return `from ${ukDate(from)} to ${ukDate(to)}`;
  if (from) return `from ${ukDate(from)} on`;
  return to ? `up to ${ukDate(to)}` : 'still kept';
}

function nothingFound(from, to) {
  return [h('h2', { class: 'govuk-heading-m', tabindex: '-1' }, 'No recordings found'),
    h('p', { class: 'govuk-body' }, `No recording of a call from that number, ${range(from, to)}.`)];
}

function foundTable(recordings, from, to) {
  const count = recordings.length === 1 ? '1 recording' : `${recordings.length} recordings`;
  const cell = (...content) => h('td', { class: 'govuk-table__cell' }, ...content);
  const table = h('table', { class: 'govuk-table', 'data-test': 'recordings' },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, `Recordings of calls from that number, ${range(from, to)}, newest first`),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' },
      ['Recorded (UK time)', 'Team', 'Channel', 'State', 'Recording'].map((name) => h('th', { class: 'govuk-table__header', scope: 'col' }, name)))),
    h('tbody', { class: 'govuk-table__body' }, recordings.map((r) => h('tr', { class: 'govuk-table__row', 'data-recording-id': r.recordingId },
      cell(r.recordedAt ? ukDateTime(r.recordedAt) : 'Not known'), cell(label(r.team)), cell(label(r.channel)), cell(stateTag(r.state)),
      cell(h('a', { class: 'govuk-link', href: `#/recordings/${segment(r.recordingId)}` },
        'View', h('span', { class: 'govuk-visually-hidden' }, ` the recording of ${r.recordedAt ? ukDateTime(r.recordedAt) : r.recordingId}`)))))));
  return [h('h2', { class: 'govuk-heading-m', tabindex: '-1' }, `${count} found`), scrollRegion('Recordings found', table)];
}

/** While an export builds, its state is read again this often, until it is ready or failed (or the page is left). */
const CHECK_EVERY_MS = 3000;

/** Asks for an export of what the search found, then shows its state and, once ready, the download link. */
function exportSection(council, search) {
  const reference = textInput({ id: 'export-reference', label: 'Subject access request reference', hint: 'For example, SAR-2026-014',
    width: 20, spellcheck: false });
  const form = h('form', { novalidate: true, 'data-test': 'export' }, reference, button('Export for the data subject', { secondary: true }));
  const state = h('div', { 'aria-live': 'polite', 'data-test': 'export-state' });
  const section = h('div', {},
    h('h2', { class: 'govuk-heading-m' }, 'Export for the data subject'),
    h('p', { class: 'govuk-body' }, `A zip of these recordings, ${range(search.from, search.to)}, with a machine-readable manifest: each `
      + 'recording’s date and time, team, channel, how long it is kept, any holds, and when and why it was accessed (by role, never by name). '
      + 'It is deleted by itself 7 days after you ask for it.'),
    form, state);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ref = form.elements['export-reference'].value.trim();
    if (showErrors(section, ref ? [] : [{ text: 'Enter the subject access request reference', field: reference }])) return;
    try {
      const asked = await api.post('/subject-access/exports', { council: council.council, ...search, reference: ref });
      form.hidden = true;
      await followExport(asked.exportId, state, section);
    } catch (error) {
      clearErrors(section);
      section.prepend(problem(explain(error)));
    }
  });
  return section;
}

async function followExport(exportId, state, section) {
  const shown = await api.get(`/subject-access/exports/${segment(exportId)}`);
  state.replaceChildren(...exportState(shown));
  if (shown.state === 'building' && section.isConnected) {
    setTimeout(() => followExport(exportId, state, section).catch((error) => state.replaceChildren(problem(explain(error)))), CHECK_EVERY_MS);
  }
}

function exportState(shown) {
  const count = shown.recordings === 1 ? '1 recording' : `${shown.recordings} recordings`;
  switch (shown.state) {
    case 'building':
      return [h('p', { class: 'govuk-body' }, `Building the export of ${count}…`)];
    case 'ready':
      return [h('p', { class: 'govuk-body' }, `The export of ${count} is ready. It is deleted on ${ukDateTime(shown.expiresAt)}.`),
        h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: shown.download.url, download: '', 'data-test': 'export-download' },
          'Download the export (zip)')),
        h('p', { class: 'govuk-body' }, `The link works until ${ukDateTime(shown.download.expiresAt)}. Each link is recorded in the audit `
          + 'trail as a release to the data subject; do not forward it, send the file.')];
    case 'failed':
      return [banner('The export could not be built', 'important', shown.reason)];
    default:
      return [h('p', { class: 'govuk-body' }, 'This export has been deleted: its 7 days are over. Ask for a new one if it is still needed.')];
  }
}

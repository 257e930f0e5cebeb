// What the council's DPO can do on a recording's page beyond a manager: release holds, release the recording to the
// police or care services, erase it, and read its audit trail. Each change asks for confirmation in words that say
// what will happen, and the trail is read again after it, so the DPO sees their own action recorded.
import { api, segment } from '../api.js';
import { explain, label } from '../messages.js';
import { banner, button, checkedValue, clearErrors, h, problem, radios, scrollRegion, showErrors, summaryList, textarea, textInput,
  ukDate, ukDateTime } from '../ui.js';

const ACTIONS = {
  PLAYBACK_URL_ISSUED: 'Playback link issued',
  PLAYBACK_REFUSED: 'Playback refused',
  RELEASE_URL_ISSUED: 'Released as a download',
  LISTED: 'Listed',
  SUBJECT_ACCESS_SEARCH: 'Subject access search',
  SUBJECT_ACCESS_EXPORTED: 'Copied into a subject access export',
  ACCESS_REQUESTED: 'Access requested',
  ACCESS_REQUEST_DECIDED: 'Access request decided',
  HOLD_PLACED: 'Hold placed',
  HOLD_RELEASED: 'Hold released',
  ERASED: 'Erased on request',
  DELETED: 'Deleted at the end of its retention period',
  POLICY_REAPPLIED: 'Council policy applied again',
  RECONCILED: 'Records put right',
  AUDIT_TRAIL_READ: 'Audit trail read',
};

/** The audit event's standing: where its actor stood towards this recording. */
const ROLES = {
  dpo: 'Data protection officer',
  manager: 'Manager',
  team_staff: 'Team staff',
  team_staff_no_playback: 'Team staff',
  none: 'No role for this recording',
};

const RECIPIENTS = { police: 'the police', 'care-services': 'care services' };

/**
 * Adds the DPO's sections to the recording page. context.council: the recording council's entry from GET /me (its
 * link lifetime).
 */
export function dpoActions(container, recording, context = {}) {
  const trail = h('section', { 'aria-labelledby': 'audit-trail-heading' });
  const refreshTrail = () => showTrail(trail, recording.recordingId);
  if (recording.state !== 'deleted') {
    const holds = h('section', { 'aria-labelledby': 'holds-heading' });
    const release = h('section', { 'aria-labelledby': 'release-heading' });
    const erase = h('section', { 'aria-labelledby': 'erase-heading' });
    const active = (recording.holds || []).filter((hold) => hold.active !== false);
    showHolds(holds, recording, active, refreshTrail);
    releaseStart(release, recording, context.council, refreshTrail);
    erasureStart(erase, recording, () => active.length > 0, () => {
      holds.remove();
      release.remove();
      refreshTrail();
    });
    container.append(holds, release, erase);
  }
  container.append(trail);
  refreshTrail();
}

function sectionHeading(id, text) {
  return h('h2', { class: 'govuk-heading-m', id, tabindex: '-1' }, text);
}

function buttons(...children) {
  return h('div', { class: 'govuk-button-group' }, children);
}

/** Names the recording in a sentence; its id is long and unbroken, so where it is shown it may break anywhere at 320 px. */
function describe(recording) {
  const when = recording.recordedAt ? ukDateTime(recording.recordedAt) : 'an unknown time';
  return `the ${label(recording.channel).toLowerCase()} recording of ${when}, ${label(recording.team)} team (${recording.recordingId})`;
}

function recordingPath(recording, rest) {
  return `/recordings/${segment(recording.recordingId)}/${rest}`;
}

// ---- Holds

function showHolds(section, recording, holds, refreshTrail, notice) {
  section.replaceChildren(sectionHeading('holds-heading', 'Active holds'), notice || '');
  if (holds.length === 0) {
    section.append(h('p', { class: 'govuk-body' }, 'No hold keeps this recording.'));
    return;
  }
  const confirmation = h('div', {});
  const cell = (...content) => h('td', { class: 'govuk-table__cell' }, ...content);
  const table = h('table', { class: 'govuk-table', 'data-test': 'recording-holds' },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, 'Active holds on this recording'),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' },
      ['Reason', 'Reference', 'Review by', 'Placed (UK time)', 'Action'].map((name) => h('th', { class: 'govuk-table__header', scope: 'col' }, name)))),
    h('tbody', { class: 'govuk-table__body' }, holds.map((hold) => {
      const opener = button('Release hold', { secondary: true, type: 'button',
        onclick: () => confirmRelease(confirmation, opener, { section, recording, holds, hold, refreshTrail }) });
      return h('tr', { class: 'govuk-table__row', 'data-hold-id': hold.holdId },
        cell(label(hold.reason)), cell(hold.reference), cell(ukDate(hold.reviewOn)), cell(ukDateTime(hold.placedAt)), cell(opener));
    })));
  section.append(scrollRegion('Active holds on this recording', table), confirmation);
}

function confirmRelease(confirmation, opener, { section, recording, holds, hold, refreshTrail }) {
  const after = holds.length === 1
    ? `This is the recording’s last hold. Once it is released, the recording is deleted on its expiry date${
      recording.expiresOn ? `, ${ukDate(recording.expiresOn)}` : ''}, or at the next nightly sweep if that date has passed.`
    : 'The recording’s other holds still keep it.';
  const title = h('h3', { class: 'govuk-heading-s', tabindex: '-1' }, `Release the ${label(hold.reason).toLowerCase()} hold, reference ${hold.reference}?`);
  const panel = h('div', { class: 'govuk-inset-text', 'data-test': 'release-hold-confirmation' }, title,
    h('p', { class: 'govuk-body' }, after),
    h('p', { class: 'govuk-body' }, 'The release is recorded in the audit trail with your name.'));
  const confirm = button('Yes, release hold', { warning: true, type: 'button', onclick: async () => {
    confirm.disabled = true;
    try {
      const released = await api.del(recordingPath(recording, `holds/${segment(hold.holdId)}`));
      const remaining = holds.filter((other) => other.holdId !== hold.holdId);
      holds.splice(0, holds.length, ...remaining);
      const next = released.stillHeld ? 'The recording’s other holds still keep it.'
        : `The recording is now due for deletion on ${ukDate(released.dueOn)}.`;
      showHolds(section, recording, holds, refreshTrail, banner(`Hold released. ${next}`, 'success'));
      section.querySelector('h2').focus();
      refreshTrail();
    } catch (error) {
      confirm.disabled = false;
      clearErrors(panel);
      panel.prepend(problem(explain(error)));
    }
  } });
  panel.append(buttons(confirm, button('Cancel', { secondary: true, type: 'button', onclick: () => {
    confirmation.replaceChildren();
    opener.focus();
  } })));
  confirmation.replaceChildren(panel);
  title.focus();
}

// ---- Release to police or care services

function releaseStart(section, recording, council, refreshTrail, notice) {
  section.replaceChildren(sectionHeading('release-heading', 'Release to police or care services'), notice || '',
    h('p', { class: 'govuk-body' }, 'Give a copy to the police or care services where the council’s notice allows it, for example for a '
      + 'crime or a safeguarding case. You get a download link, and the release is recorded in the audit trail.'),
    button('Release recording', { secondary: true, type: 'button', onclick: () => releaseForm(section, recording, council, refreshTrail, {}) }));
}

function releaseForm(section, recording, council, refreshTrail, typed) {
  const recipient = radios({ name: 'recipient', legend: 'Who is it released to?', value: typed.recipient,
    items: [{ value: 'police', text: 'Police' }, { value: 'care-services', text: 'Care services' }] });
  const reference = textInput({ id: 'release-reference', label: 'Their reference', hint: 'The crime or case number they gave you', width: 20,
    value: typed.reference });
  const note = textarea({ id: 'release-note', label: 'Note (optional)' });
  note.querySelector('textarea').value = typed.note || '';
  const cancel = () => {
    releaseStart(section, recording, council, refreshTrail);
    section.querySelector('h2').focus();
  };
  const form = h('form', { novalidate: true }, recipient, reference, note,
    buttons(button('Continue'), button('Cancel', { secondary: true, type: 'button', onclick: cancel })));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = { recipient: checkedValue(form, 'recipient'), reference: form.elements['release-reference'].value.trim(),
      note: form.elements['release-note'].value.trim() };
    const errors = [];
    if (!values.recipient) errors.push({ text: 'Select who the recording is released to', field: recipient });
    if (!values.reference) errors.push({ text: 'Enter their reference', field: reference });
    if (!showErrors(form, errors)) releaseConfirm(section, recording, council, refreshTrail, values);
  });
  section.replaceChildren(sectionHeading('release-heading', 'Release to police or care services'), form);
  section.querySelector('h2').focus();
}

function releaseConfirm(section, recording, council, refreshTrail, typed) {
  const minutes = council?.urlLifetimeSeconds ? Math.round(council.urlLifetimeSeconds / 60) : null;
  const lasting = minutes ? `for ${minutes === 1 ? '1 minute' : `${minutes} minutes`}` : 'for a few minutes';
  const page = h('div', {},
    summaryList([['Recording', h('span', { class: 'govuk-!-text-break-word' }, describe(recording))], ['Released to', label(typed.recipient)], ['Their reference', typed.reference],
      ['Note', typed.note || 'None']]),
    h('p', { class: 'govuk-body' }, `A download link to a copy of the recording will be made. It works ${lasting}; send the file only to `
      + `${RECIPIENTS[typed.recipient]}. The release is recorded in the audit trail with your name, the recipient and their reference.`));
  const create = button('Create download link', { type: 'button', onclick: async () => {
    create.disabled = true;
    try {
      const link = await api.post(recordingPath(recording, 'release'),
        { recipient: typed.recipient, reference: typed.reference, ...(typed.note ? { note: typed.note } : {}) });
      offerDownload(section, recording, council, refreshTrail, typed, link);
      refreshTrail();
    } catch (error) {
      create.disabled = false;
      clearErrors(page);
      page.prepend(problem(explain(error)));
    }
  } });
  page.append(buttons(create,
    button('Change', { secondary: true, type: 'button', onclick: () => releaseForm(section, recording, council, refreshTrail, typed) }),
    button('Cancel', { secondary: true, type: 'button', onclick: () => {
      releaseStart(section, recording, council, refreshTrail);
      section.querySelector('h2').focus();
    } })));
  section.replaceChildren(sectionHeading('release-heading', 'Check before you release the recording'), page);
  section.querySelector('h2').focus();
}

/** The link is a credential: offered as a download button only, never as text, and taken off the page once used or expired. */
function offerDownload(section, recording, council, refreshTrail, typed, link) {
  let expiry;
  const done = (text) => {
    clearTimeout(expiry);
    releaseStart(section, recording, council, refreshTrail, h('div', { class: 'govuk-inset-text', role: 'status' }, text));
  };
  const download = h('a', { class: 'govuk-button', href: link.url, download: `${recording.recordingId}.wav`, 'data-test': 'release-download',
    // Taken away only once the browser has followed the click.
    onclick: () => setTimeout(() => done('Downloaded. The link has been taken off this page: release the recording again if you need another copy.'), 0),
  }, 'Download the recording');
  expiry = setTimeout(() => done('The download link has expired and has been taken off this page. Release the recording again if you still '
    + 'need a copy.'), Math.max(0, Date.parse(link.expiresAt) - Date.now()));
  section.replaceChildren(sectionHeading('release-heading', 'Download link ready'),
    h('p', { class: 'govuk-body' }, `Download the recording and send it securely to ${RECIPIENTS[typed.recipient]}, reference ${typed.reference}. `
      + `The link works until ${ukDateTime(link.expiresAt)}.`),
    download);
  section.querySelector('h2').focus();
}

// ---- Erasure

function erasureStart(section, recording, isHeld, onErased) {
  section.replaceChildren(sectionHeading('erase-heading', 'Erase recording'),
    h('p', { class: 'govuk-body' }, 'When the council agrees to a caller’s request to erase their data, erase the recording now rather than '
      + 'wait for its expiry date.'),
    button('Erase recording', { warning: true, type: 'button', onclick: () => erasureConfirm(section, recording, isHeld, onErased) }));
}

function erasureConfirm(section, recording, isHeld, onErased) {
  const reference = textInput({ id: 'erasure-reference', label: 'Erasure request reference', hint: 'The reference of the caller’s request',
    width: 20 });
  const note = textarea({ id: 'erasure-note', label: 'Note (optional)' });
  const cancel = () => {
    erasureStart(section, recording, isHeld, onErased);
    section.querySelector('button').focus();
  };
  const erase = button('Erase recording now', { warning: true });
  const form = h('form', { novalidate: true }, reference, note, buttons(erase, button('Cancel', { secondary: true, type: 'button', onclick: cancel })));
  const page = h('div', {},
    h('p', { class: 'govuk-body govuk-!-text-break-word' }, `You are about to erase ${describe(recording)}.`),
    h('div', { class: 'govuk-warning-text' },
      h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
      h('strong', { class: 'govuk-warning-text__text' }, h('span', { class: 'govuk-visually-hidden' }, 'Warning'),
        'Every version of the recording is deleted now. This cannot be undone.')),
    h('ul', { class: 'govuk-list govuk-list--bullet' },
      h('li', {}, 'A tombstone with no personal data stays in the audit trail: that it was erased, when, by you, and the request’s reference.'),
      recording.trainingCopies?.length ? h('li', {}, 'Its training copies, which have personal details cut out, are not erased with it.') : null,
      h('li', {}, isHeld() ? 'This recording is held: erasure is refused until every hold on it is released.'
        : 'Erasure is refused while a recording is held.')),
    form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const typed = { reference: form.elements['erasure-reference'].value.trim(), note: form.elements['erasure-note'].value.trim() };
    if (showErrors(page, typed.reference ? [] : [{ text: 'Enter the erasure request’s reference', field: reference }])) return;
    erase.disabled = true;
    try {
      const erased = await api.post(recordingPath(recording, 'erasure'), { reference: typed.reference, ...(typed.note ? { note: typed.note } : {}) });
      const versions = erased.versionsDeleted === 1 ? '1 version' : `${erased.versionsDeleted} versions`;
      section.replaceChildren(h('div', { class: 'govuk-panel govuk-panel--confirmation', 'data-test': 'erased' },
        h('h2', { class: 'govuk-panel__title', tabindex: '-1' }, 'Recording erased'),
        h('div', { class: 'govuk-panel__body' }, `${versions} deleted on ${ukDate(erased.erasedOn)}. Only a tombstone stays in the audit trail.`)));
      // Training copies hold none of the caller's details and are not erased with it: the DPO decides about each.
      const copies = erased.trainingCopies || [];
      if (copies.length) {
        section.append(h('div', { class: 'govuk-inset-text', 'data-test': 'training-copies-left' },
          h('p', { class: 'govuk-body' }, `${copies.length === 1 ? 'A training copy' : `${copies.length} training copies`} of this recording, with personal details cut out, ${copies.length === 1 ? 'was' : 'were'} not erased. Open each to decide whether to erase it too:`),
          h('ul', { class: 'govuk-list' }, copies.map((id) => h('li', {}, h('a', { class: 'govuk-link', href: `#/recordings/${id}` }, id))))));
      }
      section.querySelector('h2').focus();
      onErased();
    } catch (error) {
      erase.disabled = false;
      clearErrors(page);
      page.prepend(problem(explain(error)));
    }
  });
  section.replaceChildren(sectionHeading('erase-heading', 'Are you sure you want to erase this recording?'), page);
  section.querySelector('h2').focus();
}

// ---- Audit trail

async function showTrail(section, recordingId) {
  const status = h('p', { class: 'govuk-body', role: 'status' }, 'Reading the audit trail…');
  section.replaceChildren(h('h2', { class: 'govuk-heading-m', id: 'audit-trail-heading' }, 'Audit trail'), status);
  let trail;
  try {
    trail = await api.get(`/recordings/${segment(recordingId)}/audit`);
  } catch (error) {
    status.replaceWith(problem(explain(error)));
    return;
  }
  // The API answers with the trail oldest first, its last event being this reading, still pending as it answers.
  const thisReading = trail.events.at(-1);
  const events = [...trail.events].sort((a, b) => b.at.localeCompare(a.at));
  const cell = (content) => h('td', { class: 'govuk-table__cell' }, content);
  const table = h('table', { class: 'govuk-table', 'data-test': 'audit-trail' },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--s' },
      'Everything done with this recording, most recent first, in UK time. Reading this trail is itself recorded.'),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' },
      ['When', 'Who', 'Role', 'What', 'Purpose', 'Reference', 'Outcome'].map((name) => h('th', { class: 'govuk-table__header', scope: 'col' }, name)))),
    h('tbody', { class: 'govuk-table__body' }, events.map((event) => h('tr', { class: 'govuk-table__row', 'data-action': event.action },
      cell(ukDateTime(event.at)), cell(who(event)), cell(role(event)), cell(what(event)),
      cell(event.purpose ? label(event.purpose) : 'None'), cell(event.reference || 'None'), cell(event === thisReading && event.action === 'AUDIT_TRAIL_READ' ? 'This reading' : outcome(event.outcome))))));
  status.replaceWith(scrollRegion('Audit trail', table));
}

function isService(event) {
  return event.actor.startsWith('system:');
}

function who(event) {
  return isService(event) ? `The service (${label(event.actor.slice('system:'.length))})` : event.details?.actorName || event.actor;
}

function role(event) {
  return ROLES[event.details?.standing] || (isService(event) ? 'Automatic' : 'Not recorded');
}

function what(event) {
  const details = event.details || {};
  const words = ACTIONS[event.action] || label(event.action.toLowerCase());
  if (event.action === 'ACCESS_REQUEST_DECIDED' && details.decision) {
    return `Access request ${details.decision === 'approve' ? 'approved' : 'refused'}`;
  }
  if (details.reason && (event.action === 'HOLD_PLACED' || event.action === 'HOLD_RELEASED')) {
    return `${words}: ${label(details.reason).toLowerCase()}`;
  }
  return details.recipient ? `${words} to ${RECIPIENTS[details.recipient] || details.recipient}` : words;
}

function outcome(code) {
  if (code === 'allowed') return 'Done';
  if (code === 'pending') return 'Under way, or stopped before it finished';
  if (code === 'failed') return 'Failed: a fault in the service';
  return `Refused: ${label(code).toLowerCase()}`;
}

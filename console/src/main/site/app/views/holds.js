// #/holds: the council's active holds for the DPO to review, overdue reviews first. A hold is released from its recording's page.
import { api, segment } from '../api.js';
import { explain, label } from '../messages.js';
import { h, problem, scrollRegion, ukDate, ukDateTime } from '../ui.js';
import { dpoPage } from './dpo-page.js';

export function register() {
  dpoPage('#/holds', 'Holds', 'Holds', holdsPage);
}

async function holdsPage(main, council) {
  main.append(h('p', { class: 'govuk-body' },
    `Recordings of ${council.name} kept past their expiry date. Review each hold by its review date; release a hold from its recording’s page.`));
  let answer;
  try {
    answer = await api.get('/holds', { council: council.council });
  } catch (error) {
    main.append(problem(explain(error)));
    return;
  }
  if (answer.holds.length === 0) {
    main.append(h('p', { class: 'govuk-body' }, 'No recording is held.'));
    return;
  }
  const overdue = answer.holds.filter((hold) => hold.overdue).length;
  if (overdue) {
    main.append(h('div', { class: 'govuk-warning-text' },
      h('span', { class: 'govuk-warning-text__icon', 'aria-hidden': 'true' }, '!'),
      h('strong', { class: 'govuk-warning-text__text' }, h('span', { class: 'govuk-visually-hidden' }, 'Warning'),
        overdue === 1 ? '1 hold is overdue for review.' : `${overdue} holds are overdue for review.`)));
  }
  main.append(scrollRegion('Active holds', holdsTable(answer.holds)));
}

function holdsTable(holds) {
  const cell = (...content) => h('td', { class: 'govuk-table__cell' }, ...content);
  return h('table', { class: 'govuk-table', 'data-test': 'holds' },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, 'Active holds, overdue reviews first, then by review date'),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' },
      ['Review by', 'Reason', 'Reference', 'Team', 'Placed (UK time)', 'Recording'].map((name) => h('th', { class: 'govuk-table__header', scope: 'col' }, name)))),
    h('tbody', { class: 'govuk-table__body' }, holds.map((hold) => h('tr', { class: 'govuk-table__row', 'data-recording-id': hold.recordingId,
      'data-hold-id': hold.holdId },
    cell(ukDate(hold.reviewOn), hold.overdue ? [' ', h('strong', { class: 'govuk-tag govuk-tag--red' }, 'Overdue')] : null),
    cell(label(hold.reason)), cell(hold.reference), cell(label(hold.team)), cell(ukDateTime(hold.placedAt)),
    cell(h('a', { class: 'govuk-link', href: `#/recordings/${segment(hold.recordingId)}` },
      'View', h('span', { class: 'govuk-visually-hidden' }, ` the recording held for ${hold.reference}`)))))));
}

// #/statistics: the council's anonymised statistics by month for the DPO, as bar charts, as a table for screen readers
// and anyone who would rather read the figures, and as a CSV download. A figure under 5 is never shown: the API has
// already suppressed it (and any figure that would give it away), and the page says so rather than drawing a 0.
import { api } from '../api.js';
import { explain, label } from '../messages.js';
import { button, h, problem, scrollRegion, showErrors, textInput, ukToday } from '../ui.js';
import { dpoPage } from './dpo-page.js';

const MEASURES = {
  'received-by-channel': 'Recordings received, by channel',
  'received-by-team': 'Recordings received, by team',
  'quarantined-by-reason': 'Uploads quarantined, by reason',
  'deleted-by-days-late': 'Recordings deleted, on their day or late',
  'held-by-reason': 'Holds placed, by reason',
  'released-by-reason': 'Holds released, by reason',
  'holds-overdue-for-review': 'Holds overdue for review at the month’s end',
  'playbacks-allowed-by-purpose': 'Playbacks allowed, by purpose',
  'playbacks-refused-by-purpose': 'Playbacks refused, by purpose',
  'subject-access-searches': 'Subject access searches',
  'subject-access-exports': 'Subject access exports',
  erasures: 'Erasures',
  'training-copies-by-team': 'Training copies made, by team',
};
/** Bar lengths in twentieths: the CSP allows no style attributes, so a bar's length is one of app.css's classes. */
const STEPS = 20;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function register() {
  dpoPage('#/statistics', 'Statistics', 'Statistics', statisticsPage);
}

async function statisticsPage(main, council) {
  const thisMonth = ukToday().slice(0, 7);
  const from = textInput({ id: 'from', label: 'From month', hint: 'For example, 2026-01', value: monthsBefore(thisMonth, 11), width: 5 });
  const to = textInput({ id: 'to', label: 'To month', hint: 'For example, 2026-12', value: thisMonth, width: 5 });
  const form = h('form', { novalidate: true }, from, to, button('Show'));
  const results = h('div', {});
  const page = h('div', {},
    h('p', { class: 'govuk-body' }, `What ${council.name}’s call recording service did, month by month, counted each night from the audit trail and the catalogue.`),
    h('div', { class: 'govuk-inset-text' },
      h('p', { class: 'govuk-body' }, 'No recording, caller, number or member of staff can be picked out: a figure under 5 is shown as “fewer than 5”, '
        + 'and so is any other figure that, with a total, would give it away. Reading these figures is audited.')),
    form, results);
  main.append(page);
  const show = async () => {
    const range = { from: form.elements.from.value.trim(), to: form.elements.to.value.trim() };
    const errors = [];
    if (!MONTH.test(range.from)) errors.push({ text: 'Enter the from month as year and month, for example 2026-01', field: from });
    if (!MONTH.test(range.to)) errors.push({ text: 'Enter the to month as year and month, for example 2026-12', field: to });
    if (!errors.length && range.to < range.from) errors.push({ text: 'The to month must be the same as or after the from month', field: to });
    results.replaceChildren();
    if (showErrors(page, errors)) return;
    try {
      const answer = await api.get('/statistics', { council: council.council, ...range });
      results.replaceChildren(...report(answer, council));
    } catch (error) {
      results.replaceChildren(problem(explain(error)));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show();
  });
  await show();
}

function monthsBefore(month, count) {
  const [year, number] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, number - 1 - count, 1));
  return date.toISOString().slice(0, 7);
}

function monthName(month) {
  const [year, number] = month.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' }).format(new Date(Date.UTC(year, number - 1, 1)));
}

function report(answer, council) {
  const rows = answer.months.flatMap((month) => month.figures.map((figure) => ({ month: month.month, complete: month.complete, ...figure })));
  const download = button('Download as CSV', { secondary: true, type: 'button', onclick: () => downloadCsv(answer, council) });
  if (!rows.length) {
    return [h('p', { class: 'govuk-body' }, 'Nothing has been counted in these months yet.'), download];
  }
  const charts = Object.keys(MEASURES).filter((measure) => rows.some((row) => row.measure === measure))
    .map((measure) => chart(measure, rows.filter((row) => row.measure === measure)));
  return [
    h('p', { class: 'govuk-body' }, partial(answer.months)),
    download,
    h('div', { 'aria-hidden': 'true', 'data-test': 'charts' }, charts),
    scrollRegion('Statistics as a table', table(rows)),
  ];
}

/** Which months are whole: a month is counted a day at a time, the morning after each day. */
function partial(months) {
  const counted = months.filter((month) => month.daysCounted > 0).map((month) => {
    const [year, number] = month.month.split('-').map(Number);
    const days = new Date(Date.UTC(year, number, 0)).getUTCDate();
    return `${monthName(month.month)}: ${month.daysCounted} of ${days} days`;
  });
  return `Days counted — ${counted.join('; ')}. Share only complete months: a month still being counted changes day by day.`;
}

/** One measure's bars, month by month; a suppressed figure is a hatched stub saying so, never a bar of 0. */
function chart(measure, rows) {
  const largest = Math.max(1, ...rows.map((row) => row.count || 0));
  return h('div', { class: 'app-chart', 'data-measure': measure },
    h('h2', { class: 'govuk-heading-s' }, MEASURES[measure]),
    rows.map((row) => h('div', { class: 'app-chart__row' },
      h('span', { class: 'app-chart__label govuk-body-s' }, `${monthName(row.month)}${row.breakdown === 'all' ? '' : ` · ${label(row.breakdown)}`}`),
      row.suppressed
        ? h('span', { class: 'app-chart__bar app-chart__bar--suppressed' })
        : h('span', { class: `app-chart__bar app-chart__bar--${Math.max(1, Math.round((row.count / largest) * STEPS))}` }),
      h('span', { class: 'app-chart__value govuk-body-s' }, row.suppressed ? 'fewer than 5' : String(row.count)))));
}

function table(rows) {
  const cell = (...content) => h('td', { class: 'govuk-table__cell' }, ...content);
  return h('table', { class: 'govuk-table', 'data-test': 'statistics' },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--m' }, 'The figures, month by month'),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' },
      ['Month', 'What', 'Which', 'How many'].map((name) => h('th', { class: 'govuk-table__header', scope: 'col' }, name)))),
    h('tbody', { class: 'govuk-table__body' }, rows.map((row) => h('tr', { class: 'govuk-table__row' },
      cell(monthName(row.month), row.complete ? null : ' (not yet complete)'), cell(MEASURES[row.measure] || label(row.measure)), cell(row.breakdown === 'all' ? '' : label(row.breakdown)),
      cell(row.suppressed ? 'Fewer than 5 (suppressed)' : String(row.count))))));
}

async function downloadCsv(answer, council) {
  try {
    const csv = await api.text('/statistics', { council: council.council, from: answer.from, to: answer.to, format: 'csv' });
    const link = h('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })),
      download: `statistics-${council.council}-${answer.from}-to-${answer.to}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(link.href);
  } catch (error) {
    document.querySelector('main').prepend(problem(explain(error)));
  }
}

// #/recordings: a team's recordings for a day or a range, newest first; filters on the page's results; a search by
// the platform's call id. The form's choices live in the hash's query, so Back and a bookmark show the same list.
import { api, ApiError } from '../api.js';
import { explain, label } from '../messages.js';
import { councilOf, managedTeams, managingCouncils, me } from '../profile.js';
import { navigate, route } from '../router.js';
import {
  button, dateInput, duration, h, heading, liveStatus, problem, readDate, scrollRegion, select, setTitle, showErrors,
  stateTag, textInput, ukDate, ukDateTime, ukTime, ukToday,
} from '../ui.js';

export function register() {
  route('#/recordings', recordingsView);
}

async function recordingsView(container, { query }) {
  container.append(heading('Recordings'));
  setTitle('Recordings');
  const profile = await me();
  const councils = managingCouncils(profile);
  if (!councils.length) {
    container.append(...noListing(profile));
    return;
  }
  const council = councilOf(profile, query.get('council')) && managedTeams(councilOf(profile, query.get('council'))).length
    ? councilOf(profile, query.get('council')) : councils[0];
  const teams = managedTeams(council);
  const team = teams.find((entry) => entry.team === query.get('team')) || teams[0];
  const callId = query.get('callId') || '';
  const from = validDate(query.get('from')) || ukToday();
  const to = validDate(query.get('to')) || '';
  const chosen = { council, team, from, to, callId };

  container.append(h('div', { class: 'govuk-grid-row' },
    h('div', { class: 'govuk-grid-column-one-half' }, listForm(councils, chosen)),
    h('div', { class: 'govuk-grid-column-one-half' }, callIdForm(chosen))));
  const results = h('div');
  container.append(results);
  await showResults(results, chosen);
}

/** A user who manages no team: staff, or someone with no group yet. Staff open a recording from a link or its id. */
function noListing(profile) {
  if (!profile.councils.length) {
    return [h('p', { class: 'govuk-body' }, 'You do not have a role in any council’s call recordings yet.'),
      h('p', { class: 'govuk-body' }, 'Ask your IT service desk to add you to your team’s group, then sign in again.')];
  }
  const id = textInput({ id: 'recording-id', label: 'Recording id', hint: 'It starts with rec-, for example rec-2a5f19cfe49d27bdf4a76abc02d2e242', width: 30, spellcheck: false });
  const form = h('form', { novalidate: true }, id, button('Open recording'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = form.querySelector('#recording-id').value.trim();
    if (!/^rec-[0-9a-f]{32}$/.test(value)) {
      showErrors(form, [{ text: 'Enter a recording id that starts with rec- followed by 32 letters and numbers', field: id }]);
      return;
    }
    navigate(`#/recordings/${value}`);
  });
  return [h('p', { class: 'govuk-body' }, 'Only managers and the data protection officer can list a team’s recordings. To play one, open it by the id your manager or the complaint gives you, and ask to play it.'), form];
}

function listForm(councils, chosen) {
  const fields = [];
  const councilField = councils.length > 1 && select({
    id: 'council', label: 'Council', value: chosen.council.council,
    options: councils.map((entry) => ({ value: entry.council, text: entry.name })),
  });
  const teams = managedTeams(chosen.council);
  const teamField = teams.length > 1 && select({
    id: 'team', label: 'Team', value: chosen.team.team,
    options: teams.map((entry) => ({ value: entry.team, text: entry.name || label(entry.team) })),
  });
  const fromField = dateInput({ id: 'from', legend: 'Day, or first day', hint: 'For example, 27 3 2026', value: chosen.from });
  const toField = dateInput({ id: 'to', legend: 'Last day (optional)', hint: 'Leave blank to see one day', value: chosen.to });
  fields.push(councilField, teamField, fromField, toField);
  const form = h('form', { novalidate: true, class: 'app-list-form' }, fields, button('Show recordings'));
  councilField && councilField.querySelector('select').addEventListener('change', (event) => {
    // Another council has other teams: show its list at once.
    navigate(`#/recordings?${new URLSearchParams({ council: event.target.value })}`);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const from = readDate(form, 'from', 'The day');
    const to = readDate(form, 'to', 'The last day');
    const errors = [];
    if (from.error) errors.push({ text: from.error, field: fromField });
    if (to.error) errors.push({ text: to.error, field: toField });
    if (!errors.length && from.value && to.value && to.value < from.value) {
      errors.push({ text: 'The last day must be the same as or after the first day', field: toField });
    }
    if (showErrors(form, errors)) return;
    navigate(`#/recordings?${new URLSearchParams(compact({
      council: chosen.council.council,
      team: teamField ? form.querySelector('#team').value : chosen.team.team,
      from: from.value || ukToday(),
      to: to.value,
    }))}`);
  });
  return h('section', { 'aria-labelledby': 'list-heading' }, h('h2', { class: 'govuk-heading-m', id: 'list-heading' }, 'Choose a team and days'), form);
}

function callIdForm(chosen) {
  const field = textInput({
    id: 'call-id', label: 'Call id', hint: 'The id the contact-centre platform gave the call', value: chosen.callId, width: 20, spellcheck: false,
  });
  const form = h('form', { novalidate: true }, field, button('Find call', { secondary: true }));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const callId = form.querySelector('#call-id').value.trim();
    if (!callId) {
      showErrors(form, [{ text: 'Enter the call id', field }]);
      return;
    }
    navigate(`#/recordings?${new URLSearchParams({ council: chosen.council.council, callId })}`);
  });
  return h('section', { 'aria-labelledby': 'call-heading' }, h('h2', { class: 'govuk-heading-m', id: 'call-heading' }, 'Find a call by its id'), form);
}

async function showResults(results, chosen) {
  const teamName = chosen.team.name || label(chosen.team.team);
  const days = chosen.to && chosen.to !== chosen.from ? `${ukDate(chosen.from)} to ${ukDate(chosen.to)}` : ukDate(chosen.from);
  const caption = chosen.callId ? `Recordings with call id ${chosen.callId}` : `${teamName}: ${days}`;
  const fetchPage = (nextToken) => (chosen.callId
    ? api.get('/recordings', { callId: chosen.callId, council: chosen.council.council })
    : api.get('/recordings', {
      council: chosen.council.council, team: chosen.team.team, from: chosen.from, to: chosen.to || chosen.from, nextToken,
    }));
  let page;
  try {
    page = await fetchPage();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 401) throw error;
    results.append(problem(explain(error)));
    return;
  }
  results.append(h('h2', { class: 'govuk-heading-m', id: 'results-heading' }, chosen.callId ? 'Recordings of that call' : 'Recordings'));
  if (!page.recordings.length) {
    results.append(h('p', { class: 'govuk-body' }, chosen.callId
      ? `There are no recordings with call id ${chosen.callId} in the teams you can see.`
      : `There are no recordings for ${teamName} on ${days}.`));
    return;
  }
  const shown = [...page.recordings];
  const filters = filterForm();
  const status = liveStatus();
  const body = h('tbody', { class: 'govuk-table__body' });
  const table = h('table', { class: 'govuk-table', 'data-test': 'recordings' },
    h('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, caption),
    h('thead', { class: 'govuk-table__head' }, h('tr', { class: 'govuk-table__row' },
      ['Time (UK)', 'Duration', 'Agent', 'Direction', 'Channel', 'State', 'Expires'].map((text) =>
        h('th', { scope: 'col', class: 'govuk-table__header' }, text)))),
    body);
  const more = h('div');
  const severalDays = Boolean(chosen.callId) || (chosen.to && chosen.to !== chosen.from);
  const apply = () => {
    const criteria = filters.criteria();
    const matching = shown.filter((recording) => matches(recording, criteria));
    body.replaceChildren(...matching.map((recording) => row(recording, severalDays)));
    status.textContent = matching.length === shown.length
      ? `Showing ${shown.length} recording${shown.length === 1 ? '' : 's'}.`
      : `Showing ${matching.length} of ${shown.length} recordings that match the filters.`;
    table.hidden = matching.length === 0;
  };
  filters.form.addEventListener('input', apply);
  filters.form.addEventListener('change', apply);
  let nextToken = page.nextToken;
  const showMore = () => {
    more.replaceChildren();
    if (!nextToken) return;
    more.append(button('Show more recordings', {
      type: 'button',
      secondary: true,
      onclick: async () => {
        try {
          const next = await fetchPage(nextToken);
          shown.push(...next.recordings);
          nextToken = next.nextToken;
          apply();
          showMore();
          (more.querySelector('button') || region).focus(); // where the user was, or the list they were reading
        } catch (error) {
          if (error.status === 401) return;
          more.replaceChildren(problem(explain(error)));
        }
      },
    }));
  };
  const region = scrollRegion(caption, table);
  results.append(filters.form, status, region, more);
  apply();
  showMore();
}

function filterForm() {
  const agent = textInput({ id: 'filter-agent', label: 'Agent', hint: 'All or part of the agent’s id', width: 10, spellcheck: false });
  const any = (text) => ({ value: '', text });
  const direction = select({ id: 'filter-direction', label: 'Direction', options: [any('Any direction'), { value: 'inbound', text: 'Inbound' }, { value: 'outbound', text: 'Outbound' }] });
  const channel = select({ id: 'filter-channel', label: 'Channel', options: [any('Any channel'), { value: 'phone', text: 'Phone' }, { value: 'webchat', text: 'Web chat' }] });
  const state = select({
    id: 'filter-state', label: 'State',
    options: [any('Any state'), { value: 'active', text: 'Active' }, { value: 'held', text: 'On hold' }, { value: 'quarantined', text: 'Quarantined' }, { value: 'deleted', text: 'Deleted' }],
  });
  const form = h('form', { novalidate: true, class: 'app-filters' },
    h('fieldset', { class: 'govuk-fieldset' },
      h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, 'Filter these results'),
      h('div', { class: 'app-filters__fields' }, agent, direction, channel, state)));
  form.addEventListener('submit', (event) => event.preventDefault());
  const value = (id) => form.querySelector(`#${id}`).value.trim();
  return {
    form,
    criteria: () => ({
      agent: value('filter-agent').toLowerCase(), direction: value('filter-direction'), channel: value('filter-channel'), state: value('filter-state'),
    }),
  };
}

function matches(recording, criteria) {
  return (!criteria.agent || (recording.agent || '').toLowerCase().includes(criteria.agent))
    && (!criteria.direction || recording.direction === criteria.direction)
    && (!criteria.channel || recording.channel === criteria.channel)
    && (!criteria.state || recording.state === criteria.state);
}

function row(recording, severalDays) {
  const cell = (...content) => h('td', { class: 'govuk-table__cell' }, ...content);
  const when = severalDays ? ukDateTime(recording.recordedAt) : ukTime(recording.recordedAt);
  return h('tr', { class: 'govuk-table__row', 'data-recording-id': recording.recordingId },
    h('th', { scope: 'row', class: 'govuk-table__header' },
      h('a', { class: 'govuk-link', href: `#/recordings/${encodeURIComponent(recording.recordingId)}` }, when)),
    cell(recording.durationSeconds === undefined ? h('span', { class: 'app-unknown' }, 'Not known') : duration(recording.durationSeconds)),
    cell(recording.agent || ''),
    cell(label(recording.direction)),
    cell(label(recording.channel)),
    cell(stateTag(recording.state)),
    cell(recording.expiresOn ? ukDate(recording.expiresOn) : ''));
}

function validDate(value) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value || '') ? value : null;
}

function compact(object) {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value));
}

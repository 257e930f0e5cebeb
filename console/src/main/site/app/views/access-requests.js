// #/access-requests: staff's written requests to play a recording, waiting for a manager of the team or the DPO to
// approve or refuse. An approved request lets its requester play the recording once, for the purpose it named.
import { api, ApiError, segment } from '../api.js';
import { explain, label } from '../messages.js';
import { councilOf, managingCouncils, me } from '../profile.js';
import { navigate, route } from '../router.js';
import { banner, button, h, heading, problem, select, setTitle, showErrors, summaryList, textarea, ukDateTime } from '../ui.js';

export function register() {
  route('#/access-requests', accessRequestsView);
}

let flash = null;

async function accessRequestsView(container, { query }) {
  container.append(heading('Access requests'));
  setTitle('Access requests');
  const profile = await me();
  const councils = managingCouncils(profile);
  if (!councils.length) {
    container.append(h('p', { class: 'govuk-body' }, 'Only managers and the data protection officer decide access requests.'));
    return;
  }
  const council = councils.find((entry) => entry.council === query.get('council')) || councils[0];
  if (flash) container.append(banner(flash, 'success'));
  flash = null;
  if (councils.length > 1) container.append(councilChoice(councils, council));
  container.append(h('p', { class: 'govuk-body' },
    'Staff ask in writing before they play a recording. Approving lets them play it once, for the purpose they gave. You cannot decide your own request.'));

  let page;
  try {
    page = await api.get('/access-requests', { status: 'pending', council: council.council });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status === 401) throw error;
    container.append(problem(explain(error)));
    return;
  }
  const requests = page.accessRequests || [];
  container.append(h('h2', { class: 'govuk-heading-m' }, `Waiting for a decision (${requests.length}${page.nextToken ? ' or more' : ''})`));
  if (!requests.length) {
    container.append(h('p', { class: 'govuk-body' }, `There are no requests waiting for a decision in ${council.name}.`));
    return;
  }
  container.append(...requests.map((request) => card(request, councilOf(profile, council.council))));
  if (page.nextToken) container.append(h('p', { class: 'govuk-body' }, 'There are more requests: decide these first, and the next ones will show.'));
}

function councilChoice(councils, council) {
  const field = select({ id: 'council', label: 'Council', value: council.council, options: councils.map((entry) => ({ value: entry.council, text: entry.name })) });
  field.querySelector('select').addEventListener('change', (event) => navigate(`#/access-requests?council=${encodeURIComponent(event.target.value)}`));
  return field;
}

function card(request, council) {
  const id = request.accessRequestId;
  const teamName = council.teams.find((team) => team.team === request.team)?.name || label(request.team);
  const titleId = `request-${id}-title`;
  const note = textarea({ id: `note-${id}`, label: 'Note (optional)', hint: 'Sent with your decision and written to the audit trail.', rows: 2 });
  const decide = (decision) => async () => {
    const body = { decision };
    const text = form.querySelector('textarea').value.trim();
    if (text) body.note = text;
    try {
      await api.post(`/recordings/${segment(request.recordingId)}/access-requests/${segment(id)}/decision`, body);
    } catch (error) {
      if (error.status === 401) return;
      const { title, text: advice } = explain(error);
      showErrors(wrapper, [{ text: `${title}. ${advice}` }]);
      return;
    }
    flash = decision === 'approve'
      ? `You approved ${request.requesterName}’s request. They can now play the recording once, for ${label(request.purpose).toLowerCase()}.`
      : `You refused ${request.requesterName}’s request.`;
    navigate(location.hash);
  };
  const form = h('form', { novalidate: true, class: 'app-decision' }, note,
    h('div', { class: 'govuk-button-group' },
      button('Approve', { type: 'button', onclick: decide('approve'), describedby: titleId }),
      button('Refuse', { type: 'button', warning: true, onclick: decide('refuse'), describedby: titleId })));
  form.addEventListener('submit', (event) => event.preventDefault());
  const wrapper = h('div', { class: 'govuk-summary-card', 'data-access-request-id': id },
    h('div', { class: 'govuk-summary-card__title-wrapper' },
      h('h3', { class: 'govuk-summary-card__title', id: titleId }, `Request from ${request.requesterName}, ${ukDateTime(request.requestedAt)}`)),
    h('div', { class: 'govuk-summary-card__content' },
      summaryList([
        ['Team', teamName],
        ['Recording', h('a', { class: 'govuk-link', href: `#/recordings/${encodeURIComponent(request.recordingId)}` }, request.recordingId)],
        ['Purpose', label(request.purpose)],
        ['Reason', request.reason],
        ['Reference', request.reference],
      ]),
      form));
  return wrapper;
}

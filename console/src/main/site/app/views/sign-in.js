// #/sign-in: the council's sign-in (deployed), or the local runtime's stand-in for it (locally).
import { loadConfig } from '../config.js';
import { accessToken, signInLocally, signOut, startSignIn, takeSignInReason } from '../auth.js';
import { label } from '../messages.js';
import { navigate, route } from '../router.js';
import { banner, button, checkedValue, errorSummary, h, heading, radios, select, setTitle, showErrors } from '../ui.js';

export function register() {
  route('#/sign-in', signInView, { signedOut: true });
  route('#/sign-out', () => signOut(), { signedOut: true });
}

const REASONS = {
  expired: ['Your sign-in has ended', 'For safety, sign-in lasts a limited time. Sign in again to carry on.'],
  rejected: ['Your sign-in is no longer accepted', 'Sign in again to carry on.'],
};

async function signInView(container, { query }) {
  const returnTo = safeReturn(query.get('return'));
  if (accessToken()) {
    navigate(returnTo);
    return;
  }
  const config = await loadConfig();
  const why = takeSignInReason();
  container.append(heading('Sign in'));
  if (why === 'signed-out') container.append(banner('You have signed out', 'success'));
  else if (REASONS[why]) container.append(banner(REASONS[why][0], 'important', REASONS[why][1]));
  else if (why instanceof Error) container.append(errorSummary([{ text: `${why.message}. Try signing in again.` }]));

  if (config.signIn === 'oidc') {
    container.append(
      h('p', { class: 'govuk-body' }, 'Sign in with your council account. You will come back here afterwards.'),
      button('Sign in', { type: 'button', onclick: () => startSignIn(returnTo) }));
  } else {
    container.append(localSignIn(config, returnTo));
  }
  setTitle('Sign in');
}

function localSignIn(config, returnTo) {
  const councils = config.councils || [];
  const council = select({
    id: 'council',
    label: 'Council',
    options: [{ value: '', text: 'Choose a council' }, ...councils.map((entry) => ({ value: entry.council, text: entry.name }))],
  });
  const team = select({ id: 'team', label: 'Team', hint: 'Not needed for a data protection officer, who sees every team.', options: teamOptions(null) });
  const role = radios({
    name: 'role',
    legend: 'Role',
    items: [
      { value: 'manager', text: 'Manager' },
      { value: 'staff', text: 'Staff' },
      { value: 'dpo', text: 'Data protection officer' },
    ],
  });
  const councilSelect = council.querySelector('select');
  const teamSelect = team.querySelector('select');
  councilSelect.addEventListener('change', () => {
    const chosen = councils.find((entry) => entry.council === councilSelect.value);
    teamSelect.replaceChildren(...teamOptions(chosen).map((option) => h('option', { value: option.value }, option.text)));
  });

  const form = h('form', { novalidate: true },
    council, team, role, button('Sign in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = { council: councilSelect.value, team: teamSelect.value, role: checkedValue(form, 'role') };
    const errors = [];
    if (!chosen.council) errors.push({ text: 'Choose a council', field: council });
    if (!chosen.role) errors.push({ text: 'Choose a role', field: role });
    if (chosen.role && chosen.role !== 'dpo' && !chosen.team) errors.push({ text: 'Choose a team', field: team });
    if (showErrors(section, errors)) return;
    try {
      await signInLocally(chosen.role === 'dpo' ? { council: chosen.council, role: 'dpo' } : chosen);
    } catch (error) {
      showErrors(section, [{ text: error.message }]);
      return;
    }
    navigate(returnTo);
  });

  const section = h('div', {},
    banner('This is the local stand-in for the council’s sign-in',
      'important',
      'It gives you a real token from the local user pool for the council, team and role you choose, with no password. It answers only on this computer.'),
    form);
  return section;
}

function teamOptions(council) {
  return [{ value: '', text: council ? 'Choose a team' : 'Choose a council first' },
    ...(council?.teams || []).map((team) => ({ value: team, text: label(team) }))];
}

/** Only a route of this console, so a crafted link cannot send the user elsewhere after sign-in. */
function safeReturn(value) {
  return value && /^#\/[A-Za-z0-9/_?&=%.-]*$/.test(value) && !value.startsWith('#/sign-') ? value : '#/recordings';
}

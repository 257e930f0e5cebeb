// Starts the console: GOV.UK Frontend, the routes, the service navigation, and the return from sign-in.
import { initAll } from '/govuk/govuk-frontend.min.js';
import { accessToken, completeSignInIfReturning, endSession } from './auth.js';
import { onSignedOut } from './api.js';
import { explain } from './messages.js';
import { managingCouncils, me } from './profile.js';
import { addNavigation, navigate, navigationLinks, route, start } from './router.js';
import { h, problem } from './ui.js';
import * as signIn from './views/sign-in.js';
import * as recordings from './views/recordings.js';
import * as recording from './views/recording.js';
import * as accessRequests from './views/access-requests.js';

// What GOV.UK's page template does with an inline script, which the CSP forbids.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();

// The skip link focuses <main> (GOV.UK's script does that); it must not change the hash, which is the route.
document.querySelector('.govuk-skip-link').addEventListener('click', (event) => event.preventDefault());

signIn.register();
recordings.register();
recording.register();
accessRequests.register();
addNavigation('#/recordings', 'Recordings');
addNavigation('#/access-requests', 'Access requests', (profile) => managingCouncils(profile).length > 0);
await registerDpoViews();

onSignedOut(() => navigate(`#/sign-in?return=${encodeURIComponent(location.hash)}`));

try {
  await completeSignInIfReturning();
} catch (error) {
  endSession(error);
}

start({
  main: document.getElementById('main-content'),
  home: '#/recordings',
  before(found, hash) {
    if (found.signedOut || accessToken()) return null;
    return `#/sign-in?return=${encodeURIComponent(hash)}`;
  },
  after: showNavigation,
  failed(container, error) {
    if (error?.status === 401) return; // onSignedOut has sent the user to sign in
    container.prepend(problem(explain(error)));
  },
});

// The DPO's pages come from their own modules; a build without them still works.
async function registerDpoViews() {
  const modules = await Promise.allSettled(['subject-access', 'holds', 'quarantine', 'statistics'].map((name) => import(`./views/${name}.js`)));
  for (const module of modules) {
    if (module.status === 'fulfilled') module.value.register();
  }
}

async function showNavigation(path) {
  const list = document.getElementById('navigation');
  if (!accessToken()) {
    list.replaceChildren();
    return;
  }
  let profile;
  try {
    profile = await me();
  } catch {
    return; // the view has said what went wrong
  }
  const links = navigationLinks().filter((link) => link.shownTo(profile)).concat({ hash: '#/sign-out', text: 'Sign out' });
  list.replaceChildren(...links.map((link) => {
    const active = path === link.hash || path.startsWith(`${link.hash}/`);
    return h('li', { class: `govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}` },
      h('a', { class: 'govuk-service-navigation__link', href: link.hash, 'aria-current': active ? 'page' : null },
        active ? h('strong', { class: 'govuk-service-navigation__active-fallback' }, link.text) : link.text));
  }));
}

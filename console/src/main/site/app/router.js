// Hash routes: '#/recordings/:recordingId?query'. Each render gets a fresh container inside <main>, so a slow view
// that answers after the user has moved on writes into a detached node, not over the new page.
import { h, heading, setTitle } from './ui.js';

const routes = [];
const navigation = [];
let hooks = {};
let renders = 0;

/** view(container, params): params has the pattern's names and `query` (URLSearchParams of the hash's query). */
export function route(pattern, view, { signedOut = false } = {}) {
  const names = [];
  const source = pattern.replace(/:([A-Za-z]+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  routes.push({ pattern, regex: new RegExp(`^${source}$`), names, view, signedOut });
}

/** A link in the service navigation, shown when shownTo(profile) is true. */
export function addNavigation(hash, text, shownTo = () => true) {
  navigation.push({ hash, text, shownTo });
}

export function navigationLinks() {
  return [...navigation];
}

export function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

/** The route of the page shown now, e.g. '#/recordings'. */
export function currentPath() {
  return (location.hash || '').split('?')[0];
}

/**
 * Starts routing. hooks.main: the <main>; hooks.before(route, hash) → a hash to go to instead, or null;
 * hooks.after(path): after each view; hooks.failed(container, error): a view threw.
 */
export function start(options) {
  hooks = options;
  window.addEventListener('hashchange', render);
  // A page restored from the back-forward cache keeps its old view: draw it again for who is signed in now.
  window.addEventListener('pageshow', (event) => {
    if (event.persisted) render();
  });
  return render();
}

async function render() {
  const hash = location.hash && location.hash !== '#' ? location.hash : hooks.home;
  // In-page links (the skip link, an error summary's field links) are not routes: stay on the page.
  if (!hash.startsWith('#/')) return;
  const [path, search] = hash.split('?');
  const found = match(path) || { view: notFound, params: {}, route: { signedOut: true } };
  const redirect = hooks.before ? await hooks.before(found.route, hash) : null;
  if (redirect) {
    navigate(redirect);
    return;
  }
  const thisRender = ++renders;
  const container = h('div');
  hooks.main.replaceChildren(container);
  try {
    await found.view(container, { ...found.params, query: new URLSearchParams(search || '') });
  } catch (error) {
    if (container.isConnected) hooks.failed?.(container, error);
  }
  if (thisRender === renders) await hooks.after?.(path);
}

function match(path) {
  for (const candidate of routes) {
    const result = candidate.regex.exec(path);
    if (result) {
      const params = Object.fromEntries(candidate.names.map((name, index) => [name, decodeURIComponent(result[index + 1])]));
      return { view: candidate.view, params, route: candidate };
    }
  }
  return null;
}

function notFound(container) {
  container.append(heading('Page not found'),
    h('p', { class: 'govuk-body' }, 'If you typed the web address, check it is correct.'),
    h('p', { class: 'govuk-body' }, h('a', { class: 'govuk-link', href: '#/recordings' }, 'Go to recordings')));
  setTitle('Page not found');
}

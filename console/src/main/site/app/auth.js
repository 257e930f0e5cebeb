// Sign-in. Deployed: authorization code with PKCE (S256) against the council's OIDC provider or the Cognito hosted
// UI. Locally: the runtime's stand-in, which hands out a real token from the local user pool.
// Tokens live in this module only: never in storage or the address bar, so closing the tab signs the user out.
import { loadConfig } from './config.js';

const PENDING = 'call-recordings.sign-in'; // sessionStorage, only between the redirect and the return
const EXPIRY_MARGIN_MS = 30_000; // a token this close to expiry would fail on its way to the API

let session = null; // {accessToken, expiresAt, username, groups}
let reason = null; // why the user was sent to sign in, for the sign-in page to say

export function accessToken() {
  if (!session) return null;
  if (Date.now() >= session.expiresAt - EXPIRY_MARGIN_MS) {
    endSession('expired');
    return null;
  }
  return session.accessToken;
}

export function signedInUser() {
  return session && accessToken() ? { username: session.username, groups: [...session.groups] } : null;
}

/** Forgets the token; `why` ('expired', 'rejected', 'signed-out') is said on the sign-in page. */
export function endSession(why) {
  session = null;
  reason = why;
}

/** Why the user is being asked to sign in, once; null when they simply have not yet. */
export function takeSignInReason() {
  const why = reason;
  reason = null;
  return why;
}

export async function startSignIn(returnTo = location.hash) {
  const config = await loadConfig();
  if (config.signIn !== 'oidc') {
    location.hash = '#/sign-in';
    return;
  }
  const endpoints = await oidcEndpoints(config);
  const verifier = randomText(32);
  const state = randomText(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(endpoints.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope || 'openid',
    state,
    code_challenge: await challengeFor(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * On the return from the provider (?code=...&state=...): checks the state, swaps the code for tokens, and takes the
 * code out of the address bar. True when the user is now signed in.
 */
export async function completeSignInIfReturning() {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', `${location.pathname}${pending?.returnTo || '#/recordings'}`);
  if (params.has('error')) throw new SignInError('The sign-in service did not sign you in', params.get('error'));
  if (!pending || pending.state !== params.get('state')) {
    throw new SignInError('The sign-in could not be checked', 'state-mismatch');
  }
  const config = await loadConfig();
  const endpoints = await oidcEndpoints(config);
  const response = await fetch(endpoints.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code: params.get('code'),
      redirect_uri: redirectUri(),
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new SignInError('The sign-in service did not accept the sign-in', `token-${response.status}`);
  const tokens = await response.json();
  begin(tokens.access_token, tokens.expires_in, null);
  return true;
}

/** Local mode only: the runtime's stand-in for the council's sign-in. */
export async function signInLocally({ council, team, role }) {
  const response = await fetch('/_local/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(team ? { council, team, role } : { council, role }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new SignInError(body.message || 'The local sign-in did not answer', body.error || `local-${response.status}`);
  begin(body.accessToken, body.expiresIn, body.username);
}

export async function signOut() {
  endSession('signed-out');
  const config = await loadConfig();
  if (config.signIn === 'oidc') {
    const endpoints = await oidcEndpoints(config);
    if (endpoints.logoutEndpoint) {
      // Cognito's hosted UI reads logout_uri; standard providers read post_logout_redirect_uri.
      const url = new URL(endpoints.logoutEndpoint);
      url.search = new URLSearchParams({
        client_id: config.clientId,
        logout_uri: redirectUri(),
        post_logout_redirect_uri: redirectUri(),
      }).toString();
      history.replaceState(null, '', '#/sign-in'); // Back from the provider comes to sign-in, not to sign out again
      location.assign(url.toString());
      return;
    }
  }
  location.hash = '#/sign-in';
}

export class SignInError extends Error {
  constructor(message, code) {
    super(message);
    this.code = code;
  }
}

function begin(accessToken, expiresInSeconds, username) {
  const claims = claimsOf(accessToken);
  const expiresAt = claims.exp ? claims.exp * 1000 : Date.now() + (expiresInSeconds || 0) * 1000;
  session = {
    accessToken,
    expiresAt,
    username: username || claims.username || claims['cognito:username'] || claims.email || claims.sub,
    groups: groupsOf(claims),
  };
  reason = null;
}

// Read only to label the page; the API checks the token itself.
function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)));
    return JSON.parse(json);
  } catch {
    return {};
  }
}

function groupsOf(claims) {
  const groups = claims['cognito:groups'] ?? claims.groups ?? [];
  return Array.isArray(groups) ? groups : [groups];
}

let discovered;
async function oidcEndpoints(config) {
  if (config.authorizationEndpoint && config.tokenEndpoint) return config;
  discovered ??= fetch(`${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`).then(async (response) => {
    if (!response.ok) throw new SignInError('The sign-in service could not be reached', 'discovery');
    const document = await response.json();
    return {
      authorizationEndpoint: document.authorization_endpoint,
      tokenEndpoint: document.token_endpoint,
      logoutEndpoint: config.logoutEndpoint || document.end_session_endpoint,
    };
  });
  return discovered;
}

function redirectUri() {
  return `${location.origin}/`;
}

function randomText(bytes) {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

async function challengeFor(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

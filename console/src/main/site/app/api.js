// The staff API, called with the signed-in user's bearer token. Every failure becomes an ApiError whose code is the
// API's own error code, so messages.js can say what it means.
import { loadConfig } from './config.js';
import { accessToken, endSession } from './auth.js';

export class ApiError extends Error {
  constructor(status, code, body) {
    super(`${status} ${code}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** Listeners told when the API no longer accepts the user's token (main.js sends them to sign in). */
const signedOutListeners = [];
export function onSignedOut(listener) {
  signedOutListeners.push(listener);
}

async function request(method, path, { query, body, text = false } = {}) {
  const { apiUrl } = await loadConfig();
  const token = accessToken();
  if (!token) return signedOut('expired');
  const url = new URL(`${apiUrl || ''}${path}`, location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  }
  let response;
  try {
    response = await fetch(url, {
      method,
      cache: 'no-store',
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', null);
  }
  const raw = text && response.ok ? await response.text().catch(() => null) : null;
  const answer = raw === null ? await response.json().catch(() => null) : null;
  if (response.status === 401) return signedOut('rejected');
  if (!response.ok) throw new ApiError(response.status, answer?.error || `http-${response.status}`, answer);
  return raw === null ? answer : raw;
}

function signedOut(why) {
  endSession(why);
  for (const listener of signedOutListeners) listener(why);
  throw new ApiError(401, 'unauthorized', null);
}

export const api = {
  get: (path, query) => request('GET', path, { query }),
  /** The answer's body as text, such as a CSV download. */
  text: (path, query) => request('GET', path, { query, text: true }),
  post: (path, body = {}) => request('POST', path, { body }),
  del: (path) => request('DELETE', path),
};

/** A path segment from data (an id from a listing), so it cannot change the route it names. */
export function segment(value) {
  return encodeURIComponent(value);
}

// Who the signed-in user is to each council: GET /me, read once per sign-in.
import { api } from './api.js';
import { accessToken } from './auth.js';

let cached = { token: null, answer: null };

/** {username, councils: [{council, name, dpo, teams: [{team, name, role}], purposes, holdReasons, ...}]} */
export function me() {
  const token = accessToken();
  if (!cached.answer || cached.token !== token) {
    const answer = api.get('/me');
    answer.catch(() => {
      if (cached.answer === answer) cached = { token: null, answer: null };
    });
    cached = { token, answer };
  }
  return cached.answer;
}

/** The profile's entry for a council id, or undefined. */
export function councilOf(profile, councilId) {
  return profile.councils.find((council) => council.council === councilId);
}

export function isDpo(council) {
  return Boolean(council?.dpo);
}

/** The teams whose recordings the user may list, hold and decide requests for: manager, or DPO (every team). */
export function managedTeams(council) {
  return (council?.teams || []).filter((team) => team.role === 'manager' || team.role === 'dpo');
}

/** The user's role in a team of a council: 'manager', 'staff', 'dpo' or undefined. */
export function roleIn(council, teamId) {
  return council?.teams.find((team) => team.team === teamId)?.role;
}

/** The councils where the user manages at least one team (or is the DPO). */
export function managingCouncils(profile) {
  return profile.councils.filter((council) => managedTeams(council).length > 0);
}

// #/access-requests: pending written requests to play a recording, for the team's managers and the DPO to decide.
import { route } from '../router.js';
import { heading, setTitle } from '../ui.js';

export function register() {
  route('#/access-requests', accessRequestsView);
}

async function accessRequestsView(container) {
  container.append(heading('Access requests'));
  setTitle('Access requests');
}

// #/recordings: a team's recordings for a day or a range, newest first, with filters.
import { route } from '../router.js';
import { h, heading, setTitle } from '../ui.js';

export function register() {
  route('#/recordings', recordingsView);
}

async function recordingsView(container) {
  container.append(heading('Recordings'));
  setTitle('Recordings');
}

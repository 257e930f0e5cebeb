// #/recordings/:recordingId: one recording, played or read for a stated purpose.
import { route } from '../router.js';
import { heading, setTitle } from '../ui.js';

export function register() {
  route('#/recordings/:recordingId', recordingView);
}

async function recordingView(container) {
  container.append(heading('Recording'));
  setTitle('Recording');
}

// What each API answer means to a contact-centre manager, and what to do next.
import { ukDate, ukDayOf, ukTime } from './ui.js';

const NOT_FOUND = {
  title: 'We could not find that recording',
  text: 'We could not find that recording. It may not exist, or it may belong to a team you do not manage.',
};

const MESSAGES = {
  network: () => ({
    title: 'We could not reach the service',
    text: 'Check your network connection, then try again.',
  }),
  unauthorized: () => ({
    title: 'Your sign-in has ended',
    text: 'Sign in again to carry on.',
  }),
  'not-found': () => NOT_FOUND,
  'no-such-recording': () => NOT_FOUND,
  'malformed-recording-id': () => NOT_FOUND,
  'no-such-hold': () => ({
    title: 'We could not find that hold',
    text: 'It may have been released already. Reload the recording to see its holds.',
  }),
  'no-such-access-request': () => ({
    title: 'We could not find that access request',
    text: 'It may have been decided or withdrawn. Reload the list of requests.',
  }),
  'recording-deleted': () => ({
    title: 'This recording has been deleted',
    text: 'It reached the end of its retention period or was erased, so it cannot be played, held or released.',
  }),
  'recording-quarantined': () => ({
    title: 'This recording is in quarantine',
    text: 'Its upload could not be classified. Only the council’s data protection officer can open it.',
  }),
  'recording-held': () => ({
    title: 'This recording is on hold',
    text: 'It cannot be erased while a hold is in place. Release its holds first.',
  }),
  'already-released': () => ({
    title: 'This hold has already been released',
    text: 'Reload the recording to see its holds.',
  }),
  'hold-change-in-progress': () => ({
    title: 'Someone else is changing this recording’s holds',
    text: 'Wait a moment, then try again.',
  }),
  'already-decided': () => ({
    title: 'This request has already been decided',
    text: 'Someone else approved or refused it. Reload the list of requests.',
  }),
  'access-request-not-needed': () => ({
    title: 'This council does not use access requests',
    text: 'Ask a manager of the team to play the recording for you.',
  }),
  'access-request-required': () => ({
    title: 'You need an approved access request to play this recording',
    text: 'Ask to play it with the form on this page. When a manager approves, you can play it once, for the purpose you gave.',
  }),
  'own-access-request': () => ({
    title: 'You cannot decide your own access request',
    text: 'Another manager of the team, or the data protection officer, must decide it.',
  }),
  'not-permitted': () => ({
    title: 'Your role does not allow this',
    text: 'Ask a manager of the team or the council’s data protection officer.',
  }),
  'purpose-not-allowed': () => ({
    title: 'Choose a purpose from the list',
    text: 'The council’s privacy notice does not allow playing recordings for that purpose.',
  }),
  'reason-not-allowed': () => ({
    title: 'Choose a reason from the list',
    text: 'The council’s policy does not allow a hold for that reason.',
  }),
  'review-date-not-after-today': () => ({
    title: 'The review date must be after today',
    text: 'Enter a review date after today.',
  }),
  'review-date-too-far': (error, context) => ({
    title: `The review date must be within ${interval(context?.maxHoldReviewInterval) || 'the council’s limit'} of today`,
    text: 'Enter an earlier review date. You can review the hold again when the date comes.',
  }),
  'body-too-large': () => ({
    title: 'What you entered is too long',
    text: 'Shorten the reason, reference or note, then try again.',
  }),
  'too-many-playback-urls': (error) => {
    const limit = error.body?.limit;
    const frees = error.body?.retryAfter;
    return {
      title: limit
        ? `You have played recordings ${limit} times in the last hour, the most the council allows`
        : 'You have played as many recordings as the council allows in an hour',
      text: frees
        ? `You can play another recording from ${ukTime(frees)}${ukDayOf(frees) === ukDayOf(new Date()) ? '' : ` on ${ukDate(ukDayOf(frees))}`}.`
        : 'Wait a while, then try again.',
    };
  },
  'erasure-incomplete': () => ({
    title: 'The recording is not fully erased yet',
    text: 'Some copies could not be deleted this time. Try again in a minute.',
  }),
  'recording-too-large': (error) => ({
    title: 'This recording is too large to copy',
    text: error.body?.message || 'A training copy cannot be made of it here. Ask the data protection officer.',
  }),
  'recording-not-copyable': () => ({
    title: 'Personal details cannot be cut out of this recording',
    text: 'It is not audio or a conversation this service can read, so no training copy was made.',
  }),
  'bad-request': (error) => ({
    title: 'The service could not accept what was sent',
    text: error.body?.message ? `${error.body.message} Check what you entered and try again.` : 'Check what you entered and try again.',
  }),
};

/** {title, text}: what went wrong in plain words, and what to do. */
export function explain(error, context) {
  const code = error?.code;
  if (MESSAGES[code]) return MESSAGES[code](error, context);
  if (error?.status === 404) return NOT_FOUND;
  if (error?.status === 403) return MESSAGES['not-permitted']();
  if (error?.status === 400) return MESSAGES['bad-request'](error);
  return {
    title: 'Sorry, there is a problem with the service',
    text: 'Try again later. If it keeps happening, tell your IT service desk what you were doing and when.',
  };
}

const LABELS = {
  dpo: 'Data protection officer',
  webchat: 'Web chat',
  'care-services': 'Care services',
};

/** "quality-assurance" → "Quality assurance". */
export function label(id) {
  if (id === undefined || id === null || id === '') return '';
  if (LABELS[id]) return LABELS[id];
  const words = String(id).replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "P12M" → "12 months", "P1Y" → "1 year", "P30D" → "30 days". */
export function interval(iso) {
  const match = /^P(\d+)([YMWD])$/.exec(iso || '');
  if (!match) return null;
  const unit = { Y: 'year', M: 'month', W: 'week', D: 'day' }[match[2]];
  return `${match[1]} ${unit}${match[1] === '1' ? '' : 's'}`;
}

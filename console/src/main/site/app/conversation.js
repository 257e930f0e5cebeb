// A web chat's transcript as a conversation. Platforms send their own shapes; this reads the likely ones:
//   {"messages": [{"from"|"sender"|"author"|"role"|"participant": "...", "at"|"time"|"timestamp"|"sentAt": ISO or epoch,
//                  "text"|"message"|"body"|"content": "..."}]}, the same array at the top level or under "transcript",
//   and Amazon Connect's {"Transcript": [{"DisplayName"|"ParticipantRole", "AbsoluteTime", "Content"}]}
//   (its entries without Content, such as "joined the chat" events, are left out).
// Anything else is not guessed at: the caller shows it as formatted text.

const LISTS = ['messages', 'transcript', 'Transcript', 'Messages'];
const SPEAKER = ['from', 'sender', 'author', 'role', 'participant', 'DisplayName', 'ParticipantRole', 'name'];
const TIME = ['at', 'time', 'timestamp', 'sentAt', 'createdAt', 'AbsoluteTime'];
const TEXT = ['text', 'message', 'body', 'content', 'Content'];

/** [{speaker, at (ISO or null), text}], or null when the data is not a conversation this page can read. */
export function conversationOf(data) {
  const list = Array.isArray(data) ? data : LISTS.map((name) => data?.[name]).find(Array.isArray);
  if (!list) return null;
  const messages = list.filter((entry) => entry && typeof entry === 'object')
    .map((entry) => ({ speaker: speakerOf(entry), at: timeOf(entry), text: textOf(entry) }))
    .filter((message) => message.text !== null);
  return messages.length || !list.length ? messages : null;
}

function first(entry, names) {
  return names.map((name) => entry[name]).find((value) => value !== undefined && value !== null);
}

function speakerOf(entry) {
  const speaker = first(entry, SPEAKER);
  if (speaker && typeof speaker === 'object') return String(first(speaker, ['name', 'displayName', 'id', 'role']) ?? 'Unknown');
  return speaker === undefined ? 'Unknown' : String(speaker);
}

function timeOf(entry) {
  const value = first(entry, TIME);
  if (typeof value === 'number') return new Date(value < 1e12 ? value * 1000 : value).toISOString(); // seconds or ms
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value).toISOString();
  return null;
}

function textOf(entry) {
  const value = first(entry, TEXT);
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof value.text === 'string') return value.text;
  return null;
}

// #/quarantine: uploads that could not be classified, kept only for the short quarantine period, with why in words.
import { api } from "../api.js";
import { explain, label } from "../messages.js";
import { route } from "../router.js";
import { errorSummary, h, setTitle, ukDate, ukDateTime } from "../ui.js";
import { dpoCouncil, scrollingTable } from "./dpo-common.js";

/** Why an upload was quarantined, for each of QuarantineReason's codes: what went wrong and what the platform must fix. */
const QUARANTINE_REASONS = {
  "key-unparseable": "Its file name does not follow the council/team/channel/year/month/day/call pattern.",
  "unknown-council": "Its file name names a council this service does not keep recordings for.",
  "unknown-team": "Its file name names a team the council's policy does not list.",
  "unknown-channel": "Its file name names a channel other than phone or web chat.",
  "empty-object": "The file is empty.",
  "content-mismatch": "The file is not of its channel's kind: a phone call must be WAV or MP3 audio, a web chat a JSON transcript.",
  "date-mismatch": "The time it says the call was recorded is unreadable, or falls on another UK date than the one in its file name.",
  "before-recording-began": "It says it was recorded before the council's retention rules began.",
  "recorded-in-future": "It says it was recorded in the future.",
};

export function register(addNavigation) {
  route("#/quarantine", view);
  addNavigation("Quarantine", "#/quarantine");
}

async function view(main) {
  main.replaceChildren();
  const council = await dpoCouncil(main, () => view(main));
  main.prepend(h("h1", { class: "govuk-heading-l" }, "Quarantined uploads"));
  setTitle("Quarantined uploads");
  if (!council) {
    return;
  }
  main.append(h("p", { class: "govuk-body" },
    `Uploads to ${council.name} that could not be filed under a team and date. Nobody but you can open them, and each is deleted `
    + "at the end of the short quarantine period. Ask the call platform's supplier to correct and upload them again."));
  const list = h("div", {});
  main.append(list);
  await showPage(list, council, undefined, []);
}

async function showPage(list, council, nextToken, shown) {
  let page;
  try {
    page = await api.get("/recordings", { quarantined: "true", council: council.council, ...(nextToken ? { nextToken } : {}) });
  } catch (error) {
    const { title, text } = explain(error, { action: "quarantine" });
    list.replaceChildren(errorSummary([{ text: `${title}. ${text}`, href: "#main-content" }]));
    return;
  }
  const recordings = shown.concat(page.recordings);
  if (recordings.length === 0) {
    list.replaceChildren(h("p", { class: "govuk-body" }, "No upload is in quarantine."));
    return;
  }
  const more = page.nextToken ? h("button", { class: "govuk-button govuk-button--secondary", type: "button" }, "Show more") : null;
  more?.addEventListener("click", () => showPage(list, council, page.nextToken, recordings)
    .then(() => list.querySelector(`tr[data-recording-id="${CSS.escape(page.recordings[0]?.recordingId || "")}"] a`)?.focus()));
  list.replaceChildren(scrollingTable("Quarantined uploads", quarantineTable(recordings)), more || "");
}

function quarantineTable(recordings) {
  return h("table", { class: "govuk-table", "data-test": "recordings" },
    h("caption", { class: "govuk-table__caption govuk-table__caption--m" }, "Quarantined uploads, newest first"),
    h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" },
      ...["Recorded (UK time)", "Team", "Channel", "Why it is quarantined", "Deleted on", "Recording"]
        .map((name) => h("th", { class: "govuk-table__header", scope: "col" }, name)))),
    h("tbody", { class: "govuk-table__body" }, ...recordings.map((r) => h("tr", { class: "govuk-table__row", "data-recording-id": r.recordingId },
      h("td", { class: "govuk-table__cell" }, r.recordedAt ? ukDateTime(r.recordedAt) : "Not known"),
      h("td", { class: "govuk-table__cell" }, r.team ? label(r.team) : "Not known"),
      h("td", { class: "govuk-table__cell" }, r.channel ? label(r.channel) : "Not known"),
      h("td", { class: "govuk-table__cell", "data-test": "reason" },
        QUARANTINE_REASONS[r.quarantineReason] || `Not classified (${r.quarantineReason || "no reason recorded"}).`),
      h("td", { class: "govuk-table__cell" }, r.expiresOn ? ukDate(r.expiresOn) : "Not known"),
      h("td", { class: "govuk-table__cell" }, h("a", { class: "govuk-link", href: `#/recordings/${encodeURIComponent(r.recordingId)}` },
        "View", h("span", { class: "govuk-visually-hidden" }, ` the upload of ${r.recordedAt ? ukDateTime(r.recordedAt) : r.recordingId}`)))))));
}

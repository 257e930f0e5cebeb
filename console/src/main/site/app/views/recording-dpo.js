// What the council's DPO can do on a recording's page beyond a manager: release holds, release the recording to the
// police or care services, erase it, and read its audit trail. Each change asks for confirmation in words that say
// what will happen, and the trail is read again after it so that the DPO sees their own action recorded.
import { api } from "../api.js";
import { explain, label } from "../messages.js";
import { errorSummary, h, ukDate, ukDateTime } from "../ui.js";
import { noteField, radiosField, scrollingTable, textField } from "./dpo-common.js";

const ACTIONS = {
  PLAYBACK_URL_ISSUED: "Playback link issued",
  PLAYBACK_REFUSED: "Playback refused",
  RELEASE_URL_ISSUED: "Released as a download",
  LISTED: "Listed",
  SUBJECT_ACCESS_SEARCH: "Subject access search",
  ACCESS_REQUESTED: "Access requested",
  ACCESS_REQUEST_DECIDED: "Access request decided",
  HOLD_PLACED: "Hold placed",
  HOLD_RELEASED: "Hold released",
  ERASED: "Erased on request",
  DELETED: "Deleted at the end of its retention period",
  POLICY_REAPPLIED: "Council policy applied again",
  RECONCILED: "Records put right",
  AUDIT_TRAIL_READ: "Audit trail read",
};

const ROLES = {
  dpo: "Data protection officer",
  manager: "Manager",
  team_staff: "Team staff",
  team_staff_no_playback: "Team staff",
  none: "No role for this recording",
};

const RECIPIENTS = { police: "the police", "care-services": "care services" };

/**
 * Adds the DPO's sections to the recording page. `context.council` is the recording council's entry from GET /me
 * (for the link lifetime).
 */
export function dpoActions(container, recording, context = {}) {
  const trail = h("section", { "aria-labelledby": "audit-trail-heading" });
  const refreshTrail = () => showTrail(trail, recording.recordingId);
  const holds = (recording.holds || []).filter((hold) => hold.active !== false);
  if (recording.state !== "deleted") {
    const holdsSection = h("section", { "aria-labelledby": "holds-heading" });
    showHolds(holdsSection, recording, holds, refreshTrail);
    const release = h("section", { "aria-labelledby": "release-heading" });
    releaseStart(release, recording, context.council, refreshTrail);
    const erase = h("section", { "aria-labelledby": "erase-heading" });
    erasureStart(erase, recording, () => holds.length > 0, () => {
      holdsSection.remove();
      release.remove();
      refreshTrail();
    });
    container.append(holdsSection, release, erase);
  }
  container.append(trail);
  refreshTrail();
}

function heading(id, text) {
  return h("h2", { class: "govuk-heading-m", id, tabindex: "-1" }, text);
}

function buttons(...children) {
  return h("div", { class: "govuk-button-group" }, ...children);
}

function button(text, kind, onClick) {
  const b = h("button", { class: `govuk-button${kind ? ` govuk-button--${kind}` : ""}`, type: "button", "data-module": "govuk-button" }, text);
  b.addEventListener("click", onClick);
  return b;
}

function apiProblem(error, context) {
  const { title, text } = explain(error, context);
  return errorSummary([{ text: `${title}. ${text}`, href: "#main-content" }]);
}

function describe(recording) {
  const when = recording.recordedAt ? ukDateTime(recording.recordedAt) : "an unknown time";
  return `the ${label(recording.channel).toLowerCase()} recording of ${when}, ${label(recording.team)} team (${recording.recordingId})`;
}

// Holds

function showHolds(section, recording, holds, refreshTrail, notice) {
  section.replaceChildren(heading("holds-heading", "Holds"));
  if (notice) {
    section.append(notice);
  }
  if (holds.length === 0) {
    section.append(h("p", { class: "govuk-body" }, "No hold keeps this recording: it is deleted on its expiry date."));
    return;
  }
  const confirmation = h("div", {});
  const table = h("table", { class: "govuk-table", "data-test": "recording-holds" },
    h("caption", { class: "govuk-table__caption govuk-table__caption--s" }, "Active holds on this recording"),
    h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" },
      ...["Reason", "Reference", "Review by", "Placed (UK time)", "Action"].map((name) => h("th", { class: "govuk-table__header", scope: "col" }, name)))),
    h("tbody", { class: "govuk-table__body" }, ...holds.map((hold) => {
      const release = button("Release hold", "secondary", () => confirmRelease(confirmation, release, recording, holds, hold, section, refreshTrail));
      release.append(h("span", { class: "govuk-visually-hidden" }, ` (${label(hold.reason)}, ${hold.reference})`));
      return h("tr", { class: "govuk-table__row", "data-hold-id": hold.holdId },
        h("td", { class: "govuk-table__cell" }, label(hold.reason)),
        h("td", { class: "govuk-table__cell" }, hold.reference),
        h("td", { class: "govuk-table__cell" }, ukDate(hold.reviewOn)),
        h("td", { class: "govuk-table__cell" }, ukDateTime(hold.placedAt)),
        h("td", { class: "govuk-table__cell" }, release));
    })));
  section.append(scrollingTable("Active holds on this recording", table), confirmation);
}

function confirmRelease(confirmation, opener, recording, holds, hold, section, refreshTrail) {
  const last = holds.length === 1;
  const after = last
    ? `This is the recording's last hold. Once it is released, the recording is deleted on its expiry date${
      recording.expiresOn ? `, ${ukDate(recording.expiresOn)}` : ""}, or at the next nightly sweep if that date has passed.`
    : "The recording's other holds still keep it.";
  const problem = h("div", {});
  const title = h("h3", { class: "govuk-heading-s", tabindex: "-1" }, `Release the ${label(hold.reason).toLowerCase()} hold, reference ${hold.reference}?`);
  const cancel = () => {
    confirmation.replaceChildren();
    opener.focus();
  };
  const confirm = button("Yes, release hold", "warning", async () => {
    confirm.disabled = true;
    try {
      const released = await api.del(`/recordings/${encodeURIComponent(recording.recordingId)}/holds/${encodeURIComponent(hold.holdId)}`);
      const remaining = holds.filter((other) => other.holdId !== hold.holdId);
      const next = released.stillHeld ? "The recording's other holds still keep it."
        : released.dueOn ? `The recording is now due for deletion on ${ukDate(released.dueOn)}.` : "";
      showHolds(section, recording, remaining, refreshTrail, h("div", { class: "govuk-notification-banner govuk-notification-banner--success",
        role: "alert", "aria-labelledby": "hold-released-title", "data-module": "govuk-notification-banner" },
      h("div", { class: "govuk-notification-banner__header" },
        h("h3", { class: "govuk-notification-banner__title", id: "hold-released-title" }, "Success")),
      h("div", { class: "govuk-notification-banner__content" },
        h("p", { class: "govuk-notification-banner__heading" }, `Hold released. ${next}`))));
      holds.splice(0, holds.length, ...remaining);
      section.querySelector("h2").focus();
      refreshTrail();
    } catch (error) {
      confirm.disabled = false;
      problem.replaceChildren(apiProblem(error, { action: "release-hold" }));
    }
  });
  confirmation.replaceChildren(h("div", { class: "govuk-inset-text", "data-test": "release-hold-confirmation" },
    problem, title,
    h("p", { class: "govuk-body" }, after),
    h("p", { class: "govuk-body" }, "The release is recorded in the audit trail with your name."),
    buttons(confirm, button("Cancel", "secondary", cancel))));
  title.focus();
}

// Release to police or care services

function releaseStart(section, recording, council, refreshTrail, notice) {
  const start = button("Release recording", "secondary", () => releaseForm(section, recording, council, refreshTrail, {}, {}));
  section.replaceChildren(heading("release-heading", "Release to police or care services"),
    notice || "",
    h("p", { class: "govuk-body" }, "Give a copy to the police or care services when the council's notice allows it, for example for a crime "
      + "or a safeguarding case. You get a download link; the release is recorded in the audit trail."),
    start);
}

function releaseForm(section, recording, council, refreshTrail, values, errors) {
  const summary = Object.keys(errors).length
    ? errorSummary(Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` }))) : null;
  const form = h("form", { novalidate: true },
    radiosField({ name: "recipient", legend: "Who is it released to?", value: values.recipient, error: errors.recipient,
      items: [{ value: "police", text: "Police" }, { value: "care-services", text: "Care services" }] }),
    textField({ id: "release-reference", label: "Their reference", hint: "The crime or case number they gave you", width: 20,
      value: values.reference, error: errors["release-reference"] }),
    noteField({ id: "release-note", label: "Note (optional)", value: values.note }),
    buttons(h("button", { class: "govuk-button", type: "submit", "data-module": "govuk-button" }, "Continue"),
      button("Cancel", "secondary", () => {
        releaseStart(section, recording, council, refreshTrail);
        section.querySelector("h2").focus();
      })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const typed = { recipient: form.elements.recipient.value, reference: form.elements["release-reference"].value.trim(),
      note: form.elements["release-note"].value.trim() };
    const problems = {};
    if (!typed.recipient) {
      problems.recipient = "Select who the recording is released to";
    }
    if (!typed.reference) {
      problems["release-reference"] = "Enter their reference";
    }
    if (Object.keys(problems).length) {
      releaseForm(section, recording, council, refreshTrail, typed, problems);
    } else {
      releaseConfirm(section, recording, council, refreshTrail, typed);
    }
  });
  section.replaceChildren(heading("release-heading", "Release to police or care services"), summary || "", form);
  (summary || section.querySelector("h2")).focus();
}

function releaseConfirm(section, recording, council, refreshTrail, typed) {
  const minutes = council?.urlLifetimeSeconds ? Math.round(council.urlLifetimeSeconds / 60) : null;
  const lasting = minutes ? `for ${minutes === 1 ? "1 minute" : `${minutes} minutes`}` : "for a few minutes";
  const problem = h("div", {});
  const row = (key, value) => h("div", { class: "govuk-summary-list__row" },
    h("dt", { class: "govuk-summary-list__key" }, key), h("dd", { class: "govuk-summary-list__value" }, value));
  const create = button("Create download link", null, async () => {
    create.disabled = true;
    try {
      const link = await api.post(`/recordings/${encodeURIComponent(recording.recordingId)}/release`,
        { recipient: typed.recipient, reference: typed.reference, ...(typed.note ? { note: typed.note } : {}) });
      offerDownload(section, recording, council, refreshTrail, typed, link);
      refreshTrail();
    } catch (error) {
      create.disabled = false;
      problem.replaceChildren(apiProblem(error, { action: "release" }));
      problem.firstChild?.focus();
    }
  });
  section.replaceChildren(heading("release-heading", "Check before you release the recording"), problem,
    h("dl", { class: "govuk-summary-list" }, row("Recording", describe(recording)), row("Released to", label(typed.recipient)),
      row("Their reference", typed.reference), row("Note", typed.note || "None")),
    h("p", { class: "govuk-body" }, `A download link to a copy of the recording will be made. It works ${lasting}; send the file only to `
      + `${RECIPIENTS[typed.recipient]}. The release is recorded in the audit trail with your name, the recipient and their reference.`),
    buttons(create,
      button("Change", "secondary", () => releaseForm(section, recording, council, refreshTrail, typed, {})),
      button("Cancel", "secondary", () => {
        releaseStart(section, recording, council, refreshTrail);
        section.querySelector("h2").focus();
      })));
  section.querySelector("h2").focus();
}

/** The link is a credential: offered as a download button only, never as text, and taken off the page once used or expired. */
function offerDownload(section, recording, council, refreshTrail, typed, link) {
  const download = h("a", { class: "govuk-button", href: link.url, download: `${recording.recordingId}.wav`, "data-test": "release-download" },
    "Download the recording");
  let expiry;
  const done = (text) => {
    clearTimeout(expiry);
    releaseStart(section, recording, council, refreshTrail, h("div", { class: "govuk-inset-text", role: "status" }, text));
  };
  // Removed only after the browser has followed the click.
  download.addEventListener("click", () => setTimeout(() => done("Downloaded. The link has been taken off this page: release the recording "
    + "again if you need another copy."), 0));
  expiry = setTimeout(() => done("The download link has expired and has been taken off this page. Release the recording again if you "
    + "still need a copy."), Math.max(0, Date.parse(link.expiresAt) - Date.now()));
  section.replaceChildren(heading("release-heading", "Download link ready"),
    h("p", { class: "govuk-body" }, `Download the recording and send it securely to ${RECIPIENTS[typed.recipient]}, reference ${typed.reference}. `
      + `The link works until ${ukDateTime(link.expiresAt)}.`),
    download);
  section.querySelector("h2").focus();
}

// Erasure

function erasureStart(section, recording, isHeld, onErased) {
  section.replaceChildren(heading("erase-heading", "Erase recording"),
    h("p", { class: "govuk-body" }, "When the caller asks for their data to be erased and the council agrees, erase the recording now rather "
      + "than wait for its expiry date."),
    button("Erase recording", "warning", () => erasureConfirm(section, recording, isHeld, onErased, "", {})));
}

function erasureConfirm(section, recording, isHeld, onErased, values, errors) {
  const summary = errors.reference ? errorSummary([{ text: errors.reference, href: "#erasure-reference" }]) : null;
  const problem = h("div", {});
  const form = h("form", { novalidate: true },
    textField({ id: "erasure-reference", label: "Erasure request reference", hint: "The reference the council gave the caller's request",
      width: 20, value: values.reference, error: errors.reference }),
    noteField({ id: "erasure-note", label: "Note (optional)", value: values.note }),
    buttons(h("button", { class: "govuk-button govuk-button--warning", type: "submit", "data-module": "govuk-button" }, "Erase recording now"),
      button("Cancel", "secondary", () => {
        erasureStart(section, recording, isHeld, onErased);
        section.querySelector("button").focus();
      })));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const typed = { reference: form.elements["erasure-reference"].value.trim(), note: form.elements["erasure-note"].value.trim() };
    if (!typed.reference) {
      erasureConfirm(section, recording, isHeld, onErased, typed, { reference: "Enter the erasure request's reference" });
      return;
    }
    form.querySelector("button[type=submit]").disabled = true;
    try {
      const erased = await api.post(`/recordings/${encodeURIComponent(recording.recordingId)}/erasure`,
        { reference: typed.reference, ...(typed.note ? { note: typed.note } : {}) });
      const versions = erased.versionsDeleted === 1 ? "1 version" : `${erased.versionsDeleted} versions`;
      section.replaceChildren(h("div", { class: "govuk-panel govuk-panel--confirmation", "data-test": "erased" },
        h("h2", { class: "govuk-panel__title", tabindex: "-1" }, "Recording erased"),
        h("div", { class: "govuk-panel__body" }, `${versions} deleted on ${ukDate(erased.erasedOn)}. Only a tombstone stays in the audit trail.`)));
      section.querySelector("h2").focus();
      onErased();
    } catch (error) {
      form.querySelector("button[type=submit]").disabled = false;
      problem.replaceChildren(apiProblem(error, { action: "erasure" }));
      problem.firstChild?.focus();
    }
  });
  section.replaceChildren(heading("erase-heading", "Are you sure you want to erase this recording?"), summary || "", problem,
    h("p", { class: "govuk-body" }, `You are about to erase ${describe(recording)}.`),
    h("div", { class: "govuk-warning-text" },
      h("span", { class: "govuk-warning-text__icon", "aria-hidden": "true" }, "!"),
      h("strong", { class: "govuk-warning-text__text" }, h("span", { class: "govuk-visually-hidden" }, "Warning"),
        "Every version of the recording is deleted now. This cannot be undone.")),
    h("ul", { class: "govuk-list govuk-list--bullet" },
      h("li", {}, "A tombstone with no personal data stays in the audit trail: that it was erased, when, by you, and the request's reference."),
      h("li", {}, isHeld() ? "This recording is held: erasure is refused until every hold above is released."
        : "Erasure is refused while a recording is held.")),
    form);
  (summary || section.querySelector("h2")).focus();
}

// Audit trail

async function showTrail(section, recordingId) {
  section.replaceChildren(h("h2", { class: "govuk-heading-m", id: "audit-trail-heading" }, "Audit trail"),
    h("p", { class: "govuk-body", role: "status" }, "Reading the audit trail…"));
  let trail;
  try {
    trail = await api.get(`/recordings/${encodeURIComponent(recordingId)}/audit`);
  } catch (error) {
    section.lastChild.replaceWith(apiProblem(error, { action: "audit-trail" }));
    return;
  }
  const events = [...trail.events].sort((a, b) => b.at.localeCompare(a.at));
  const table = h("table", { class: "govuk-table", "data-test": "audit-trail" },
    h("caption", { class: "govuk-table__caption govuk-table__caption--s" },
      "Everything done with this recording, most recent first, in UK time. Reading this trail is itself recorded."),
    h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" },
      ...["When", "Who", "Role", "What", "Purpose", "Reference", "Outcome"].map((name) => h("th", { class: "govuk-table__header", scope: "col" }, name)))),
    h("tbody", { class: "govuk-table__body" }, ...events.map((event) => h("tr", { class: "govuk-table__row", "data-action": event.action },
      h("td", { class: "govuk-table__cell" }, ukDateTime(event.at)),
      h("td", { class: "govuk-table__cell" }, who(event)),
      h("td", { class: "govuk-table__cell" }, ROLES[event.details?.standing] || (event.actor.startsWith("system:") ? "Automatic" : "Not recorded")),
      h("td", { class: "govuk-table__cell" }, what(event)),
      h("td", { class: "govuk-table__cell" }, event.purpose ? label(event.purpose) : "None"),
      h("td", { class: "govuk-table__cell" }, event.reference || "None"),
      h("td", { class: "govuk-table__cell" }, outcome(event.outcome))))));
  section.lastChild.replaceWith(scrollingTable("Audit trail", table));
}

function who(event) {
  if (event.actor.startsWith("system:")) {
    return `The service (${label(event.actor.slice("system:".length))})`;
  }
  return event.details?.actorName || event.actor;
}

function what(event) {
  const details = event.details || {};
  const words = ACTIONS[event.action] || label(event.action.toLowerCase().replaceAll("_", "-"));
  if (event.action === "ACCESS_REQUEST_DECIDED" && details.decision) {
    return `Access request ${details.decision === "approve" ? "approved" : "refused"}`;
  }
  if (details.reason && (event.action === "HOLD_PLACED" || event.action === "HOLD_RELEASED")) {
    return `${words}: ${label(details.reason).toLowerCase()}`;
  }
  if (details.recipient) {
    return `${words} to ${RECIPIENTS[details.recipient] || details.recipient}`;
  }
  return words;
}

function outcome(code) {
  if (code === "allowed") {
    return "Done";
  }
  if (code === "pending") {
    return "Begun; its end was not recorded";
  }
  if (code === "failed") {
    return "Failed: a fault in the service";
  }
  return `Refused: ${label(code).toLowerCase()}`;
}

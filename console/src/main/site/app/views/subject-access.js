// #/subject-access: the DPO finds a caller's recordings by their phone number, for a subject access request.
import { api } from "../api.js";
import { explain, label } from "../messages.js";
import { route } from "../router.js";
import { errorSummary, h, setTitle, ukDateTime, ukDate } from "../ui.js";
import { checkDate, dateField, dpoCouncil, scrollingTable, textField, typedDate } from "./dpo-common.js";

export function register(addNavigation) {
  route("#/subject-access", view);
  addNavigation("Subject access", "#/subject-access");
}

async function view(main) {
  main.replaceChildren();
  const council = await dpoCouncil(main, () => view(main));
  main.prepend(h("h1", { class: "govuk-heading-l" }, "Subject access"));
  setTitle("Subject access");
  if (!council) {
    return;
  }
  const page = { council, summary: h("div", {}), form: null, results: h("div", {}) };
  page.form = searchForm(page, {}, {});
  main.append(
    h("p", { class: "govuk-body" }, `Find the recordings of a caller to ${council.name} by the phone number they called from.`),
    h("div", { class: "govuk-inset-text" },
      h("p", { class: "govuk-body" }, "The number is never stored: it is turned into a keyed fingerprint for this search only, and neither "
        + "the number nor the fingerprint goes into a log or the audit trail."),
      h("p", { class: "govuk-body" }, "The search itself is audited: the trail records that you searched, when, and for which dates.")),
    page.summary, page.form, page.results);
}

function searchForm(page, values, errors) {
  const form = h("form", { novalidate: true },
    textField({ id: "phone", label: "Caller's phone number", hint: "For example, 01572 722577 or +44 7700 900123", type: "tel",
      width: 20, value: values.phone, error: errors.phone }),
    dateField({ id: "from", legend: "From", hint: "For example, 27 3 2026. Leave the dates blank to search every recording still kept.",
      value: values.from, error: errors.from }),
    dateField({ id: "to", legend: "To", hint: "For example, 31 3 2026", value: values.to, error: errors.to }),
    h("button", { class: "govuk-button", type: "submit", "data-module": "govuk-button" }, "Search"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(page);
  });
  return form;
}

async function search(page) {
  const form = page.form;
  const values = { phone: form.elements.phone.value.trim(), from: typedDate(form, "from"), to: typedDate(form, "to") };
  const from = checkDate(values.from, "The from date");
  const to = checkDate(values.to, "The to date");
  const errors = {};
  if (!values.phone) {
    errors.phone = "Enter the caller's phone number";
  }
  if (from.error) {
    errors.from = from.error;
  }
  if (to.error) {
    errors.to = to.error;
  }
  if (!errors.from && !errors.to && from.value && to.value && to.value < from.value) {
    errors.to = "The to date must be the same as or after the from date";
  }
  page.form = searchForm(page, values, errors);
  form.replaceWith(page.form);
  page.summary.replaceChildren();
  if (Object.keys(errors).length) {
    page.results.replaceChildren();
    page.summary.append(errorSummary(Object.entries(errors).map(([field, text]) => ({ text, href: field === "phone" ? "#phone" : `#${field}-day` }))));
    return;
  }
  page.results.replaceChildren(h("p", { class: "govuk-body", role: "status" }, "Searching…"));
  const query = { council: page.council.council, phone: values.phone };
  if (from.value) {
    query.from = from.value;
  }
  if (to.value) {
    query.to = to.value;
  }
  try {
    const found = await api.get("/subject-access", query);
    page.results.replaceChildren(...found.recordings.length ? foundTable(found.recordings, from.value, to.value) : [nothingFound(from.value, to.value)]);
    page.results.querySelector("h2").focus();
  } catch (error) {
    const { title, text } = explain(error, { action: "subject-access" });
    page.results.replaceChildren();
    page.summary.append(errorSummary([{ text: `${title}. ${text}`, href: "#phone" }]));
  }
}

function range(from, to) {
  if (from && to) {
    return `from ${ukDate(from)} to ${ukDate(to)}`;
  }
  if (from) {
    return `from ${ukDate(from)} on`;
  }
  return to ? `up to ${ukDate(to)}` : "kept now";
}

function nothingFound(from, to) {
  return h("div", {},
    h("h2", { class: "govuk-heading-m", tabindex: "-1" }, "No recordings found"),
    h("p", { class: "govuk-body" }, `No recording of a call from that number, ${range(from, to)}.`));
}

function foundTable(recordings, from, to) {
  const count = recordings.length === 1 ? "1 recording" : `${recordings.length} recordings`;
  const table = h("table", { class: "govuk-table", "data-test": "recordings" },
    h("caption", { class: "govuk-table__caption govuk-table__caption--s" }, `Recordings of calls from that number, ${range(from, to)}, newest first`),
    h("thead", { class: "govuk-table__head" }, h("tr", { class: "govuk-table__row" },
      ...["Recorded (UK time)", "Team", "Channel", "State", "Recording"].map((name) => h("th", { class: "govuk-table__header", scope: "col" }, name)))),
    h("tbody", { class: "govuk-table__body" }, ...recordings.map((r) => h("tr", { class: "govuk-table__row", "data-recording-id": r.recordingId },
      h("td", { class: "govuk-table__cell" }, r.recordedAt ? ukDateTime(r.recordedAt) : "Not known"),
      h("td", { class: "govuk-table__cell" }, label(r.team)),
      h("td", { class: "govuk-table__cell" }, label(r.channel)),
      h("td", { class: "govuk-table__cell" }, label(r.state)),
      h("td", { class: "govuk-table__cell" }, h("a", { class: "govuk-link", href: `#/recordings/${encodeURIComponent(r.recordingId)}` },
        "View", h("span", { class: "govuk-visually-hidden" }, ` the recording of ${r.recordedAt ? ukDateTime(r.recordedAt) : r.recordingId}`)))))));
  return [h("h2", { class: "govuk-heading-m", tabindex: "-1" }, `${count} found`), scrollingTable("Recordings found", table)];
}

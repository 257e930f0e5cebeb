// What the DPO's pages share: the council they act for, and GOV.UK form fields with their error messages.
import { me } from "../profile.js";
import { h } from "../ui.js";

let chosenCouncil = null;

/**
 * The council the DPO's page is about, with a picker above the page when they are the DPO of more than one.
 * Resolves to null (and says so on the page) when the signed-in user is no council's DPO.
 */
export async function dpoCouncil(main, onChange) {
  const councils = (await me()).councils.filter((c) => c.dpo);
  if (councils.length === 0) {
    main.append(h("p", { class: "govuk-body" }, "Only a council's data protection officer can use this page."));
    return null;
  }
  const council = councils.find((c) => c.council === chosenCouncil) || councils[0];
  chosenCouncil = council.council;
  if (councils.length > 1) {
    const select = h("select", { class: "govuk-select", id: "council", name: "council" },
      ...councils.map((c) => h("option", { value: c.council, selected: c.council === council.council }, c.name)));
    select.addEventListener("change", () => {
      chosenCouncil = select.value;
      onChange();
    });
    main.append(h("div", { class: "govuk-form-group" }, h("label", { class: "govuk-label", for: "council" }, "Council"), select));
  }
  return council;
}

function errorMessage(id, error) {
  return error ? h("p", { class: "govuk-error-message", id: `${id}-error` },
    h("span", { class: "govuk-visually-hidden" }, "Error: "), error) : null;
}

function hint(id, text) {
  return text ? h("div", { class: "govuk-hint", id: `${id}-hint` }, text) : null;
}

function describedBy(id, hintText, error) {
  return [hintText ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || null;
}

function group(error, ...children) {
  return h("div", { class: error ? "govuk-form-group govuk-form-group--error" : "govuk-form-group" }, ...children);
}

/** A GOV.UK text input with its label, hint and error message. */
export function textField({ id, label, hint: hintText, error, value = "", type = "text", width, autocomplete = "off" }) {
  const classes = ["govuk-input", width ? `govuk-input--width-${width}` : null, error ? "govuk-input--error" : null];
  return group(error,
    h("label", { class: "govuk-label", for: id }, label),
    hint(id, hintText),
    errorMessage(id, error),
    h("input", { class: classes.filter(Boolean).join(" "), id, name: id, type, value, autocomplete, spellcheck: "false",
      "aria-describedby": describedBy(id, hintText, error) }));
}

/** A GOV.UK textarea, for an optional note. */
export function noteField({ id, label, hint: hintText, value = "" }) {
  const area = h("textarea", { class: "govuk-textarea", id, name: id, rows: "3", "aria-describedby": describedBy(id, hintText, null) });
  area.value = value;
  return group(null, h("label", { class: "govuk-label", for: id }, label), hint(id, hintText), area);
}

/** GOV.UK radios in a fieldset; `items` are `{value, text}`. */
export function radiosField({ name, legend, items, error, value }) {
  return group(error, h("fieldset", { class: "govuk-fieldset", "aria-describedby": describedBy(name, null, error) },
    h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s" }, legend),
    errorMessage(name, error),
    h("div", { class: "govuk-radios", "data-module": "govuk-radios" },
      ...items.map((item, i) => {
        const id = i === 0 ? name : `${name}-${i + 1}`;
        return h("div", { class: "govuk-radios__item" },
          h("input", { class: "govuk-radios__input", id, name, type: "radio", value: item.value, checked: item.value === value }),
          h("label", { class: "govuk-label govuk-radios__label", for: id }, item.text));
      }))));
}

/** A GOV.UK date input (day, month, year); its error links to the day box. */
export function dateField({ id, legend, hint: hintText, error, value = {} }) {
  const part = (name, label, width) => h("div", { class: "govuk-date-input__item" },
    h("div", { class: "govuk-form-group" },
      h("label", { class: "govuk-label govuk-date-input__label", for: `${id}-${name}` }, label),
      h("input", { class: `govuk-input govuk-date-input__input govuk-input--width-${width}${error ? " govuk-input--error" : ""}`,
        id: `${id}-${name}`, name: `${id}-${name}`, type: "text", inputmode: "numeric", value: value[name] || "" })));
  return group(error, h("fieldset", { class: "govuk-fieldset", role: "group", "aria-describedby": describedBy(id, hintText, error) },
    h("legend", { class: "govuk-fieldset__legend govuk-fieldset__legend--s" }, legend),
    hint(id, hintText),
    errorMessage(id, error),
    h("div", { class: "govuk-date-input", id }, part("day", "Day", 2), part("month", "Month", 2), part("year", "Year", 4))));
}

/** The day, month and year typed into a date field of the form. */
export function typedDate(form, id) {
  const read = (name) => form.elements[`${id}-${name}`].value.trim();
  return { day: read("day"), month: read("month"), year: read("year") };
}

/**
 * A typed date as `YYYY-MM-DD`, or the words saying what is wrong with it (GOV.UK's wording); an empty date is
 * `{}` so that the caller decides whether it is needed.
 */
export function checkDate({ day, month, year }, name) {
  if (!day && !month && !year) {
    return {};
  }
  const missing = [["day", day], ["month", month], ["year", year]].filter(([, v]) => !v).map(([part]) => part);
  if (missing.length) {
    return { error: `${name} must include a ${missing.join(" and ")}` };
  }
  if (![day, month, year].every((v) => /^\d+$/.test(v)) || year.length !== 4) {
    return { error: `${name} must be a real date` };
  }
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    return { error: `${name} must be a real date` };
  }
  return { value: iso };
}

/** A table that scrolls sideways inside its own keyboard-reachable region on a narrow screen, not the whole page. */
export function scrollingTable(label, table) {
  return h("div", { class: "app-table-scroll", role: "region", "aria-label": label, tabindex: "0" }, table);
}

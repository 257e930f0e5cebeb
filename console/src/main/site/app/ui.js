// Building blocks for the views: DOM from data (text only through textContent, never as HTML), GOV.UK Design System
// components, and UK dates and times.
import { ErrorSummary } from '/govuk/govuk-frontend.min.js';

const SERVICE = 'Call recordings';
const UK = 'Europe/London';

/** h('p', {class: 'govuk-body'}, 'text', child, [more]) — attributes set as attributes; on* functions as listeners. */
export function h(tag, attrs, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function' && name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

let pageTitle = SERVICE;
let ids = 0;

/** The view's h1 and the document's title; focus goes to the h1 so screen readers start at the new page. */
export function setTitle(text) {
  pageTitle = `${text} – ${SERVICE}`;
  document.title = pageTitle;
  const heading = document.querySelector('main h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: false });
  }
}

export function heading(text, caption) {
  return h('h1', { class: 'govuk-heading-l', tabindex: '-1' }, caption ? h('span', { class: 'govuk-caption-l' }, caption) : null, text);
}

/**
 * A GOV.UK error summary, focused once it is on the page. errors: [{text, href?}]; an error without href is not
 * about one field (for example, the API refused the request).
 */
export function errorSummary(errors) {
  const summary = h('div', { class: 'govuk-error-summary', 'data-module': 'govuk-error-summary' },
    h('div', { role: 'alert' },
      h('h2', { class: 'govuk-error-summary__title' }, 'There is a problem'),
      h('div', { class: 'govuk-error-summary__body' },
        h('ul', { class: 'govuk-list govuk-error-summary__list' },
          errors.map((error) => h('li', {}, error.href ? h('a', { href: error.href }, error.text) : error.text))))));
  queueMicrotask(() => {
    if (summary.isConnected) new ErrorSummary(summary); // focuses it, and makes its links focus their fields
  });
  document.title = `Error: ${pageTitle}`;
  return summary;
}

/** An error summary for an API refusal, from explain()'s {title, text}. */
export function problem({ title, text }) {
  return errorSummary([{ text: `${title}. ${text}` }]);
}

/** A GOV.UK notification banner; kind 'success' is announced, 'important' is not. */
export function banner(text, kind = 'important', body) {
  const success = kind === 'success';
  const titleId = `banner-title-${++ids}`;
  return h('div', {
    class: `govuk-notification-banner${success ? ' govuk-notification-banner--success' : ''}`,
    role: success ? 'alert' : 'region',
    'aria-labelledby': titleId,
    'data-module': 'govuk-notification-banner',
  },
  h('div', { class: 'govuk-notification-banner__header' },
    h('h2', { class: 'govuk-notification-banner__title', id: titleId }, success ? 'Success' : 'Important')),
  h('div', { class: 'govuk-notification-banner__content' },
    h('p', { class: 'govuk-notification-banner__heading' }, text),
    body ? h('p', { class: 'govuk-body' }, body) : null));
}

/** A polite live region: what it is set to is read out without moving focus. */
export function liveStatus() {
  return h('p', { class: 'govuk-body app-status', role: 'status', 'aria-live': 'polite' });
}

const STATES = {
  active: ['Active', 'govuk-tag--green'],
  held: ['On hold', 'govuk-tag--purple'],
  quarantined: ['Quarantined', 'govuk-tag--red'],
  deleted: ['Deleted', 'govuk-tag--grey'],
};

export function stateTag(state) {
  const [text, colour] = STATES[state] || [state, 'govuk-tag--grey'];
  return h('strong', { class: `govuk-tag ${colour}` }, text);
}

/** A wide table scrolls inside its own labelled, focusable region, so the page reflows at 320 px. */
export function scrollRegion(label, table) {
  return h('div', { class: 'app-table-scroll', role: 'region', 'aria-label': label, tabindex: '0' }, table);
}

export function summaryList(rows) {
  return h('dl', { class: 'govuk-summary-list' },
    rows.filter(([, value]) => value !== undefined && value !== null && value !== '').map(([key, value]) =>
      h('div', { class: 'govuk-summary-list__row' },
        h('dt', { class: 'govuk-summary-list__key' }, key),
        h('dd', { class: 'govuk-summary-list__value' }, value))));
}

// ---- Form fields. Each returns its form group; the group knows which element an error summary link should focus.

function describedBy(...values) {
  return values.filter(Boolean).join(' ') || null;
}

export function textInput({ id, label, hint, value, width, type = 'text', autocomplete, spellcheck, inputmode }) {
  const hintId = hint ? `${id}-hint` : null;
  const input = h('input', {
    class: `govuk-input${width ? ` govuk-input--width-${width}` : ''}`, id, name: id, type, value,
    autocomplete: autocomplete || 'off', spellcheck: spellcheck === undefined ? null : String(spellcheck),
    inputmode, 'aria-describedby': hintId,
  });
  return group(id, input, input, h('label', { class: 'govuk-label', for: id }, label), hint && h('div', { class: 'govuk-hint', id: hintId }, hint), input);
}

export function textarea({ id, label, hint, rows = 3 }) {
  const hintId = hint ? `${id}-hint` : null;
  const area = h('textarea', { class: 'govuk-textarea', id, name: id, rows, 'aria-describedby': hintId });
  return group(id, area, area, h('label', { class: 'govuk-label', for: id }, label), hint && h('div', { class: 'govuk-hint', id: hintId }, hint), area);
}

export function select({ id, label, hint, options, value }) {
  const hintId = hint ? `${id}-hint` : null;
  const control = h('select', { class: 'govuk-select', id, name: id, 'aria-describedby': hintId },
    options.map((option) => h('option', { value: option.value, selected: option.value === value }, option.text)));
  return group(id, control, control, h('label', { class: 'govuk-label', for: id }, label), hint && h('div', { class: 'govuk-hint', id: hintId }, hint), control);
}

/** Radios in a fieldset; items: [{value, text, hint?}]. */
export function radios({ name, legend, hint, items, value, inline, small }) {
  const hintId = hint ? `${name}-hint` : null;
  const list = h('div', {
    class: `govuk-radios${inline ? ' govuk-radios--inline' : ''}${small ? ' govuk-radios--small' : ''}`,
  }, items.map((item, index) => {
    const id = index === 0 ? name : `${name}-${index + 1}`;
    const itemHint = item.hint ? `${id}-item-hint` : null;
    return h('div', { class: 'govuk-radios__item' },
      h('input', { class: 'govuk-radios__input', id, name, type: 'radio', value: item.value, checked: item.value === value, 'aria-describedby': itemHint }),
      h('label', { class: 'govuk-label govuk-radios__label', for: id }, item.text),
      itemHint && h('div', { class: 'govuk-hint govuk-radios__hint', id: itemHint }, item.hint));
  }));
  const fieldset = h('fieldset', { class: 'govuk-fieldset', 'aria-describedby': hintId },
    h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, legend),
    hint && h('div', { class: 'govuk-hint', id: hintId }, hint), list);
  return group(name, fieldset, list.querySelector('input'), fieldset);
}

export function checkedValue(form, name) {
  return form.querySelector(`input[name="${CSS.escape(name)}"]:checked`)?.value || '';
}

/** A GOV.UK date input (day, month, year); read it with readDate. */
export function dateInput({ id, legend, hint, value }) {
  const [year, month, day] = value ? value.split('-') : [];
  const hintId = hint ? `${id}-hint` : null;
  const part = (suffix, text, width, partValue) => h('div', { class: 'govuk-date-input__item' },
    h('div', { class: 'govuk-form-group' },
      h('label', { class: 'govuk-label govuk-date-input__label', for: `${id}-${suffix}` }, text),
      h('input', {
        class: `govuk-input govuk-date-input__input govuk-input--width-${width}`, id: `${id}-${suffix}`,
        name: `${id}-${suffix}`, type: 'text', inputmode: 'numeric', value: partValue ? String(Number(partValue)) : null,
      })));
  const inputs = h('div', { class: 'govuk-date-input', id },
    part('day', 'Day', 2, day), part('month', 'Month', 2, month), part('year', 'Year', 4, year));
  const fieldset = h('fieldset', { class: 'govuk-fieldset', role: 'group', 'aria-describedby': hintId },
    h('legend', { class: 'govuk-fieldset__legend govuk-fieldset__legend--s' }, legend),
    hint && h('div', { class: 'govuk-hint', id: hintId }, hint), inputs);
  return group(id, fieldset, inputs.querySelector('input'), fieldset);
}

/**
 * {value: 'YYYY-MM-DD'}, {value: null} when left empty, or {error} in GOV.UK's words; `name` begins the error
 * ("The review date").
 */
export function readDate(form, id, name) {
  const parts = ['day', 'month', 'year'].map((suffix) => form.querySelector(`#${id}-${suffix}`).value.trim());
  if (parts.every((part) => part === '')) return { value: null };
  const missing = ['day', 'month', 'year'].filter((_, index) => parts[index] === '');
  if (missing.length) return { error: `${name} must include a ${missing.join(' and ')}` };
  if (!parts.every((part) => /^\d+$/.test(part)) || parts[2].length !== 4) return { error: `${name} must be a real date` };
  const [day, month, year] = parts.map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { error: `${name} must be a real date` };
  }
  return { value: `${parts[2]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

const ERROR_CLASSES = { INPUT: 'govuk-input--error', SELECT: 'govuk-select--error', TEXTAREA: 'govuk-textarea--error' };

function group(id, describe, focusTarget, ...children) {
  const element = h('div', { class: 'govuk-form-group' }, children);
  element.fieldId = id;
  element.describe = describe; // what carries aria-describedby
  element.focusTarget = focusTarget; // what the error summary's link focuses
  return element;
}

/**
 * Shows errors [{text, field?}] (field: a group from the helpers above) in an error summary at the top of `where`
 * and beside each field; clears earlier ones first. True when there were any.
 */
export function showErrors(where, errors) {
  clearErrors(where);
  if (!errors.length) return false;
  for (const { text, field } of errors) {
    if (!field) continue;
    const messageId = `${field.fieldId}-error`;
    field.classList.add('govuk-form-group--error');
    const message = h('p', { class: 'govuk-error-message', id: messageId }, h('span', { class: 'govuk-visually-hidden' }, 'Error: '), text);
    const control = field.describe;
    const before = control.tagName === 'FIELDSET' ? control.querySelector('.govuk-radios, .govuk-date-input') : control;
    before.before(message);
    control.setAttribute('aria-describedby', describedBy(control.getAttribute('aria-describedby'), messageId));
    for (const input of field.querySelectorAll('.govuk-input, .govuk-select, .govuk-textarea')) input.classList.add(ERROR_CLASSES[input.tagName]);
  }
  where.prepend(errorSummary(errors.map(({ text, field }) => ({ text, href: field ? `#${field.focusTarget.id}` : null }))));
  return true;
}

export function clearErrors(where) {
  for (const summary of where.querySelectorAll('.govuk-error-summary')) summary.remove();
  for (const message of where.querySelectorAll('.govuk-error-message')) {
    for (const described of where.querySelectorAll(`[aria-describedby~="${message.id}"]`)) {
      const rest = described.getAttribute('aria-describedby').split(' ').filter((id) => id !== message.id);
      if (rest.length) described.setAttribute('aria-describedby', rest.join(' '));
      else described.removeAttribute('aria-describedby');
    }
    message.remove();
  }
  for (const field of where.querySelectorAll('.govuk-form-group--error')) field.classList.remove('govuk-form-group--error');
  for (const input of where.querySelectorAll(Object.values(ERROR_CLASSES).map((name) => `.${name}`).join(', '))) {
    input.classList.remove(...Object.values(ERROR_CLASSES));
  }
  document.title = pageTitle;
}

export function button(text, { secondary, warning, type = 'submit', onclick, describedby } = {}) {
  return h('button', {
    type, class: `govuk-button${secondary ? ' govuk-button--secondary' : ''}${warning ? ' govuk-button--warning' : ''}`,
    onclick, 'aria-describedby': describedby,
  }, text);
}

// ---- UK dates and times (the council's, whatever the computer's time zone).

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: UK, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const secondsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});
const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: UK }); // en-CA writes YYYY-MM-DD

/** "25 November 2026, 14:03" in UK time. */
export function ukDateTime(iso) {
  return iso ? dateTimeFormat.format(new Date(iso)) : '';
}

/** "14:03" in UK time; withSeconds: "14:03:27". */
export function ukTime(iso, withSeconds = false) {
  return iso ? (withSeconds ? secondsFormat : timeFormat).format(new Date(iso)) : '';
}

/** "2026-11-25" → "25 November 2026". */
export function ukDate(isoDate) {
  if (!isoDate) return '';
  const [year, month, day] = isoDate.split('-').map(Number);
  return dateFormat.format(new Date(Date.UTC(year, month - 1, day)));
}

/** The UK date (YYYY-MM-DD) of an instant. */
export function ukDayOf(instant) {
  return dayFormat.format(new Date(instant));
}

export function ukToday() {
  return ukDayOf(new Date());
}

/** 125 → "2 min 5 sec". */
export function duration(seconds) {
  if (seconds === undefined || seconds === null) return '';
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  return [hours && `${hours} hr`, (hours || minutes) && `${minutes} min`, `${rest} sec`].filter(Boolean).join(' ');
}

/** 83.4 → "1:23", for a position in a recording. */
export function clock(seconds) {
  const whole = Math.floor(seconds || 0);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

// The council a DPO's page is about: the one they are the data protection officer of, or the one they chose.
import { isDpo, me } from '../profile.js';
import { h, select } from '../ui.js';

let chosen = null;

/** Whether the DPO's pages are for this user: the navigation shows their links to a DPO only. */
export function isDpoAnywhere(profile) {
  return profile.councils.some(isDpo);
}

/**
 * Resolves to the council's entry from GET /me, with a council picker on the page when the user is the DPO of more
 * than one; null (saying so on the page) when they are no council's DPO.
 */
export async function dpoCouncil(main, onChange) {
  const councils = (await me()).councils.filter(isDpo);
  if (councils.length === 0) {
    main.append(h('p', { class: 'govuk-body' }, 'Only a council’s data protection officer can use this page.'));
    return null;
  }
  const council = councils.find((c) => c.council === chosen) || councils[0];
  chosen = council.council;
  if (councils.length > 1) {
    const picker = select({ id: 'council', label: 'Council', value: council.council, options: councils.map((c) => ({ value: c.council, text: c.name })) });
    picker.querySelector('select').addEventListener('change', (event) => {
      chosen = event.target.value;
      onChange();
    });
    main.append(picker);
  }
  return council;
}

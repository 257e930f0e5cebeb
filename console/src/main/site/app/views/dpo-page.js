// What the DPO's own pages share: their route and navigation link (shown to DPOs only), their h1, and the council
// they are about: the one the user is the data protection officer of, or the one they chose.
import { isDpo, me } from '../profile.js';
import { addNavigation, route } from '../router.js';
import { h, heading, select, setTitle } from '../ui.js';

let chosen = null;

/** Adds the page at `hash`; `render(container, council)` draws it below its h1 for the council's entry from GET /me. */
export function dpoPage(hash, title, linkText, render) {
  const view = async (container) => {
    container.replaceChildren(heading(title));
    setTitle(title);
    const council = await dpoCouncil(container, () => view(container));
    if (council) await render(container, council);
  };
  route(hash, view);
  addNavigation(hash, linkText, (profile) => profile.councils.some(isDpo));
}

/** The council, with a picker above the page when the user is the DPO of more than one; null when of none. */
async function dpoCouncil(container, onChange) {
  const councils = (await me()).councils.filter(isDpo);
  if (councils.length === 0) {
    container.append(h('p', { class: 'govuk-body' }, 'Only a council’s data protection officer can use this page.'));
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
    container.append(picker);
  }
  return council;
}

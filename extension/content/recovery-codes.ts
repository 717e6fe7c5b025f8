// Spots a page that shows freshly issued recovery codes and offers to seal them into the account bound to the site.
import { callBackground } from '../messages.ts';
import { compactText } from './classify-field.ts';
import { RECOVERY_LIST_PHRASES } from './otp-signals.ts';

const CODE_SHAPE = /^[A-Za-z0-9]{4,12}(?:[- ][A-Za-z0-9]{4,12}){0,7}$/;

/** A list of at least four codes of one shape (same length, letters and digits), e.g. "ABCD-EFGH-1234". */
export function pickRecoveryCodes(texts: string[]): string[] | null {
  const codes = texts.map((t) => t.trim()).filter((t) => CODE_SHAPE.test(t));
  // Random codes: nearly every list has digits somewhere, whereas a list of words has none.
  if (codes.length < 4 || codes.length > 32 || !codes.some((c) => /\d/.test(c))) return null;
  const length = codes[0]?.length;
  if (!codes.every((c) => c.length === length)) return null;
  return [...new Set(codes)];
}

function findCodeList(): { codes: string[]; anchor: Element } | null {
  // Cheap gate first: headings only, so ordinary pages pay one small query.
  const headings = Array.from(document.querySelectorAll('h1, h2, h3, legend'));
  const heading = headings.find((h) => RECOVERY_LIST_PHRASES.some((p) => compactText(h.textContent ?? '').includes(p)));
  if (!heading) return null;
  const scope = heading.closest('section, main, form, article') ?? heading.parentElement ?? document.body;
  for (const list of Array.from(scope.querySelectorAll('ul, ol, pre, [data-recovery-codes], table'))) {
    const items = list.matches('pre') ? (list.textContent ?? '').split('\n')
      : Array.from(list.querySelectorAll('li, td, code')).map((el) => el.textContent ?? '');
    const codes = pickRecoveryCodes(items);
    if (codes) return { codes, anchor: list };
  }
  return null;
}

/** Shows "Save these recovery codes in Keyfob" next to a freshly issued list; the background picks the account. */
export function offerToSaveRecoveryCodes(): void {
  if (window !== window.top) return;
  const found = findCodeList();
  if (!found) return;
  const host = document.createElement('keyfob-inline');
  host.dataset.keyfob = 'save-recovery-codes';
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = '<button type="button" style="all:initial;cursor:pointer;display:inline-block;margin:8px 0;'
    + 'padding:6px 10px;border-radius:4px;background:#1f4fd8;color:#fff;font:13px/1.4 system-ui,sans-serif;">'
    + 'Save these recovery codes in Keyfob</button><span role="status" style="font:13px system-ui;margin-left:8px"></span>';
  const button = root.querySelector('button');
  const status = root.querySelector('span');
  button?.addEventListener('click', (event) => {
    event.preventDefault();
    if (!event.isTrusted || !status) return;
    void callBackground('saveRecoveryCodes', { codes: found.codes })
      .then((r) => { status.textContent = `Saved ${r.saved} recovery codes in Keyfob`; button.disabled = true; })
      .catch((err: unknown) => { status.textContent = err instanceof Error ? err.message : 'Keyfob could not save them'; });
  });
  found.anchor.after(host);
}

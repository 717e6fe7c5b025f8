// Spots a page that shows freshly issued recovery codes and offers to seal them into the account bound to the site.
import { callBackground } from '../messages.ts';
import { t } from '../i18n.ts';
import { showInlineButton } from './inline-ui.ts';
import { findListHeading } from './recovery-heading.ts';

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
  const heading = findListHeading();
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

/**
 * Shows "Save these recovery codes in Keyfob" next to a freshly issued list. A click only asks: the user confirms in
 * Keyfob's own window, and the button's text never says anything about the vault (locked, accounts, counts).
 */
export function offerToSaveRecoveryCodes(): void {
  if (window !== window.top) return;
  const found = findCodeList();
  if (!found) return;
  // The hardened mount (closed root, pinned geometry, click guard): a page cannot click it for the user or hide it.
  const offer = showInlineButton(found.anchor, t('inlineSaveRecoveryCodes'), () => {
    void callBackground('saveRecoveryCodes', { codes: found.codes })
      .then(() => offer.setText(t('inlineConfirmInWindow')))
      .catch(() => offer.setText(t('inlineCouldNotOpen')));
  });
}

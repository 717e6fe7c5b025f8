// The popup document's language and writing direction: those of the messages it actually shows.

/**
 * Sets `lang` (screen readers pronounce by it) and `dir` on the popup's root. Chrome's `@@bidi_dir` follows the
 * browser's UI language even when Keyfob has no messages in it and falls back to English, which must not be mirrored:
 * so the direction is taken only when the messages shown are in the browser's language (`pluralLocale` names it).
 */
export function applyDocumentLanguage(root: HTMLElement): void {
  const shown = chrome.i18n.getMessage('pluralLocale') || 'en';
  const ui = chrome.i18n.getMessage('@@ui_locale');
  const sameLanguage = shown.split('-')[0]?.toLowerCase() === ui.split(/[-_]/)[0]?.toLowerCase();
  root.lang = shown;
  root.dir = sameLanguage && chrome.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}

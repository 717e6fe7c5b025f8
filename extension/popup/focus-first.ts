// Browsers honour `autofocus` only once per document, so each new screen moves focus itself.

export function focusFirstAutofocus(): void {
  const target = document.querySelector<HTMLElement>('[autofocus]');
  if (target && !target.contains(document.activeElement)) target.focus();
}

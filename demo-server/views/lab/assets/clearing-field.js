// Lab site script for pages that fight autofill: once the code field first holds a value, the page "hydrates" a
// second later and either empties the field and focuses it (data-mode="clear-once"), empties it every time it is
// filled by anything but the user ("clear-always"), or replaces it with a fresh, empty element ("rerender").
// It logs what it saw in data-log on <main> (fill = untrusted input, user = trusted input, clear, rerender) for tests.
(() => {
  const form = document.getElementById('fighting-form');
  if (!form) return;
  const mode = form.dataset.mode;
  const log = (what) => { const main = document.querySelector('main'); main.dataset.log = `${main.dataset.log ?? ''} ${what}`.trim(); };
  const FIELD = '<input name="code" inputmode="numeric" maxlength="6" autocomplete="one-time-code">';
  let scheduled = false;
  let cleared = 0;
  const field = () => form.querySelector('input[name="code"]');

  function act() {
    const input = field();
    if (mode === 'rerender') {
      const label = input.closest('label');
      label.innerHTML = `Authentication code ${FIELD}`;
      log('rerender');
      watch(field());
      return;
    }
    input.value = '';
    input.focus();
    cleared++;
    log('clear');
  }

  function watch(input) {
    input.addEventListener('input', (e) => {
      log(e.isTrusted ? 'user' : 'fill');
      if (e.isTrusted) return;
      if (mode === 'clear-always' && cleared < 5) { setTimeout(act, 200); return; }
      if (!scheduled && input.value !== '') { scheduled = true; setTimeout(act, 1000); }
    });
  }
  watch(field());
})();

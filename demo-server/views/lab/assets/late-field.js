// Lab site script: the code field appears only after a delay, as in single-page apps.
(() => {
  const slot = document.getElementById('late-slot');
  if (!slot) return;
  setTimeout(() => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = slot.dataset.action;
    form.innerHTML = '<label>Verification code <input name="otp" inputmode="numeric" maxlength="6" autocomplete="off"></label>'
      + '<button type="submit">Verify</button>';
    slot.replaceChildren(form);
  }, 800);
})();

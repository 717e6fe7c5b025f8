// Lab site script: the code form lives inside the open shadow root of a custom element, as web components do.
(() => {
  const host = document.getElementById('shadow-host');
  if (!host) return;
  const root = host.attachShadow({ mode: 'open' });
  const form = document.createElement('form');
  form.method = 'post';
  form.action = host.dataset.action;
  form.innerHTML = '<label>Two-factor code <input name="code" inputmode="numeric" maxlength="6" autocomplete="one-time-code"></label>'
    + '<button type="submit">Verify</button>';
  root.append(form);
})();

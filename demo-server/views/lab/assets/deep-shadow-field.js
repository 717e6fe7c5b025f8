// Lab site script: a field three open shadow roots deep, rendered late as web-component apps do: the outer host's
// root gets its inner host after 600 ms, that one's root gets the innermost host after another 600 ms, whose root
// finally gets the form. Each host attaches its (empty) root at once, as frameworks do in the constructor.
(() => {
  const outer = document.getElementById('deep-host');
  if (!outer) return;
  const action = outer.dataset.action;
  const field = outer.dataset.field === 'postal'
    ? '<label>Postal code <input name="postal_code" inputmode="numeric" maxlength="6"></label>'
    : '<label>Authentication code <input name="code" inputmode="numeric" maxlength="6" autocomplete="one-time-code"></label>';

  function nest(host, depth) {
    const root = host.attachShadow({ mode: 'open' });
    setTimeout(() => {
      if (depth === 3) {
        const form = document.createElement('form');
        form.method = 'post';
        form.action = action;
        form.innerHTML = `${field}<button type="submit">Verify</button>`;
        root.append(form);
        return;
      }
      const inner = document.createElement(`lab-deep-${depth + 1}`);
      root.append(inner);
      nest(inner, depth + 1);
    }, 600);
  }
  nest(outer, 1);
})();

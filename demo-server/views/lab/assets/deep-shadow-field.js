// Lab site script: a field three open shadow roots deep, rendered late as web-component apps do: the outer host's
// root gets its inner host after 600 ms, that one's root gets the innermost host after another 600 ms, whose root
// finally gets the form. Each host attaches its (empty) root at once, as frameworks do in the constructor. With
// data-busy, the light DOM keeps changing meanwhile.
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
  // data-busy: a status line in the light DOM changes every 100 ms until well after the form is in.
  if (outer.dataset.busy !== undefined) {
    const status = document.createElement('p');
    status.setAttribute('aria-live', 'off');
    outer.before(status);
    let ticks = 0;
    const id = setInterval(() => {
      status.replaceChildren(Object.assign(document.createElement('span'), { textContent: `Loading ${++ticks}` }));
      if (ticks >= 40) clearInterval(id);
    }, 100);
  }
})();

// Lab site script for six one-digit boxes: moves focus like real sites do, spreads a pasted code, and joins
// the digits into the hidden "code" field on submit.
(() => {
  const form = document.getElementById('split-form');
  if (!form) return;
  const boxes = Array.from(form.querySelectorAll('input.digit'));
  boxes.forEach((box, i) => {
    box.addEventListener('input', () => {
      const digits = box.value.replace(/\D/g, '');
      if (digits.length > 1) {
        // A whole code pasted into one box: spread it.
        digits.split('').slice(0, boxes.length - i).forEach((d, k) => { boxes[i + k].value = d; });
        boxes[Math.min(i + digits.length, boxes.length - 1)].focus();
        return;
      }
      box.value = digits;
      if (digits && boxes[i + 1]) boxes[i + 1].focus();
    });
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Backspace' && !box.value && boxes[i - 1]) boxes[i - 1].focus();
    });
  });
  form.addEventListener('submit', () => {
    form.querySelector('input[name="code"]').value = boxes.map((b) => b.value).join('');
  });
})();

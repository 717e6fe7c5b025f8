// Progressive extras for the recovery-codes page: Copy, and ticking "I have saved these codes" on Download/Copy.
document.addEventListener('DOMContentLoaded', () => {
  const saved = document.getElementById('codes-saved');
  const copy = document.querySelector('[data-action="copy-codes"]');
  const download = document.querySelector('[data-action="download-codes"]');
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(copy.dataset.codes || '');
        copy.textContent = 'Copied';
        if (saved) saved.checked = true;
      } catch {
        copy.textContent = 'Copy failed: select the codes instead';
      }
    });
  }
  if (download && saved) download.addEventListener('click', () => { saved.checked = true; });
});

// Lab site script: draws the setup QR into a <canvas>, as some sites render it.
(() => {
  const canvas = document.getElementById('qr-canvas');
  if (!canvas) return;
  const img = new Image();
  img.onload = () => canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
  img.src = canvas.dataset.src;
})();

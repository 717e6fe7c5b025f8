// A small drawing of the browser's toolbar with its extensions menu open, numbered in the order of the words beside it:
// Chrome's puzzle piece then the pin, or Firefox's Extensions button, the gear, then "Pin to Toolbar".
import { t } from '../i18n.ts';

// Drawn around (0, 0), about 16 px across, so each can be placed with one translate.
const PUZZLE = 'M-7,-5 h3.5 a2.5,2.5 0 0 1 5,0 h3.5 v3.5 a2.5,2.5 0 0 1 0,5 v3.5 h-12 z';
const PIN = 'M-3,-7 h6 v5 l3,3 v1.5 h-12 v-1.5 l3,-3 z M-0.75,2.5 h1.5 v6 h-1.5 z';

/** A numbered marker: the order the text gives the clicks in. */
function Step({ x, y, n }: { x: number; y: number; n: number }) {
  return (
    <g class="badge" transform={`translate(${x} ${y})`}>
      <circle r="8" />
      <text y="4">{n}</text>
    </g>
  );
}

function Gear() {
  return (
    <g>
      <circle r="5.5" class="gear-teeth" />
      <circle r="2.2" class="icon-fill" />
    </g>
  );
}

export function PinPicture({ firefox }: { firefox: boolean }) {
  const titleId = 'pin-picture-title';
  return (
    <svg class="pin-picture" viewBox={`0 0 380 ${firefox ? 180 : 160}`} role="img" aria-labelledby={titleId} data-testid="pin-picture">
      <title id={titleId}>{firefox ? t('welcomePinPictureFirefox') : t('welcomePinPictureChrome')}</title>
      {/* The toolbar: the address bar, the extensions button, the browser's menu. */}
      <rect class="toolbar" x="0" y="0" width="380" height="48" />
      <rect class="omnibox" x="12" y="10" width="236" height="28" rx="14" />
      <rect class="faint" x="30" y="21" width="96" height="6" rx="3" />
      <g transform="translate(290 25)">
        <circle r="15" class="ring" />
        <path d={PUZZLE} class="icon" />
      </g>
      <g class="icon-fill" transform="translate(338 24)">
        <circle cy="-6" r="1.7" /><circle r="1.7" /><circle cy="6" r="1.7" />
      </g>
      <Step x={272} y={44} n={1} />
      {/* The menu the button opens: another extension, then Keyfob. */}
      <rect class="panel" x="110" y="56" width="240" height={firefox ? 68 : 96} rx="8" />
      <rect class="faint" x="124" y="68" width="16" height="16" rx="4" />
      <rect class="faint" x="150" y="73" width="96" height="6" rx="3" />
      <rect class="brand" x="124" y="96" width="16" height="16" rx="4" />
      <text class="label" x="150" y="109">{t('extName')}</text>
      {firefox ? (
        <>
          <g class="icon-dim" transform="translate(326 76)"><Gear /></g>
          <g transform="translate(326 104)"><circle r="12" class="ring" /><Gear /></g>
          <Step x={364} y={104} n={2} />
          {/* The gear's menu, its pin item highlighted. */}
          <rect class="panel" x="110" y="130" width="240" height="40" rx="6" />
          <rect class="highlight" x="116" y="136" width="228" height="28" rx="4" />
          <text class="label small" x="126" y="155">{t('welcomePinMenuItem')}</text>
          <Step x={364} y={150} n={3} />
        </>
      ) : (
        <>
          <path d={PIN} class="icon-dim" transform="translate(326 76)" />
          <g transform="translate(326 104)"><circle r="12" class="ring" /><path d={PIN} class="icon" /></g>
          <Step x={364} y={104} n={2} />
          <rect class="faint" x="124" y="128" width="16" height="16" rx="4" />
          <rect class="faint" x="150" y="133" width="70" height="6" rx="3" />
        </>
      )}
    </svg>
  );
}

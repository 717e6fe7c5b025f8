// The recovery kit, shown once when sync is turned on: the 26-character sync key as text and as a QR code, to print
// or copy. With the master password it joins another browser; Keyfob never shows it again.
import { useEffect, useState } from 'preact/hooks';
import { formatSyncKit } from '../../../../src/shared/sync/recovery-kit.ts';
import { t } from '../../../i18n.ts';

export function RecoveryKit({ kit, onDone }: { kit: string; onDone: () => void }) {
  const [svg, setSvg] = useState('');
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const text = formatSyncKit(kit);

  useEffect(() => {
    // Loaded only here: the QR encoder has no business in the popup's first paint.
    void import('qrcode').then((qr) => qr.toString(kit, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })).then(setSvg, () => setSvg(''));
  }, [kit]);

  return (
    <div class="recovery-kit" role="region" aria-labelledby="kit-title">
      <h3 id="kit-title">{t('syncKitTitle')}</h3>
      <p>{t('syncKitIntro')}</p>
      <p class="kit-text" data-testid="sync-kit" dir="ltr">{text}</p>
      {svg && <img class="kit-qr" alt={t('syncKitQrAlt')} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} />}
      <div class="actions">
        <button type="button" onClick={() => window.print()}>{t('syncKitPrint')}</button>
        <button type="button" onClick={() => { void navigator.clipboard.writeText(text).then(() => setCopied(true)); }}>
          {copied ? t('syncKitCopied') : t('syncKitCopy')}
        </button>
      </div>
      <label class="choice"><input type="checkbox" checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />{t('syncKitSaved')}</label>
      <button type="button" class="primary" disabled={!saved} onClick={onDone}>{t('syncKitDone')}</button>
    </div>
  );
}

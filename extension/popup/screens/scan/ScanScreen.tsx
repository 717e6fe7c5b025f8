// Scan QR code: runs the scan (current tab, an image file, or an image from the context menu) and shows
// the right next step: confirm one account, pick among several, import an export batch, or say why not.
import { plural, t } from '../../../i18n.ts';
import { useEffect, useState } from 'preact/hooks';
import { originOfUrl } from '../../../../src/shared/origin.ts';
import { ImageFileButton } from '../../components/ImageFileButton.tsx';
import { ScreenHeader } from '../../components/ScreenHeader.tsx';
import { errorText } from '../../error-text.ts';
import { focusFirstAutofocus } from '../../focus-first.ts';
import { mergeBatchPart, type BatchProgress } from '../../scan/scan-batch.ts';
import { bindingShownBy, scanActiveTab, scanImage, type ScanOutcome } from '../../scan/scan-tab.ts';
import { ConfirmAccounts } from './ConfirmAccounts.tsx';
import { MigrationImport } from './MigrationImport.tsx';

export type ScanSource =
  | { kind: 'tab' }
  | { kind: 'file'; file: Blob }
  /** From the image context menu: the frame that showed the image, and the top page it was in. */
  | { kind: 'image'; dataUrl: string; frameUrl: string | null; pageUrl: string | null };

export interface ScanScreenProps {
  source: ScanSource;
  onBack: () => void;
  onSaved: (notice: string) => void;
  onImage: (file: File) => void;
}

async function runScan(source: ScanSource): Promise<ScanOutcome> {
  if (source.kind === 'tab') return scanActiveTab();
  if (source.kind === 'file') return scanImage(source.file);
  const outcome = await scanImage(source.dataUrl);
  // The frame that showed the image is the binding; the top page is offered next to it when it differs.
  const binding = bindingShownBy(originOfUrl(source.frameUrl ?? source.pageUrl), originOfUrl(source.pageUrl));
  return outcome.kind === 'found' ? { ...outcome, binding } : outcome;
}

export function ScanScreen({ source, onBack, onSaved, onImage }: ScanScreenProps) {
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  const [batch, setBatch] = useState<BatchProgress | null>(null);

  useEffect(() => {
    let cancelled = false;
    setOutcome(null);
    (async () => {
      const result = await runScan(source);
      if (result.kind === 'found') {
        let progress: BatchProgress | null = null;
        for (const item of result.found.items) {
          if (item.kind === 'migration') progress = await mergeBatchPart(item.batch, item.accounts);
        }
        if (!cancelled) setBatch(progress);
      }
      if (!cancelled) setOutcome(result);
    })().catch((err: unknown) => { if (!cancelled) setOutcome({ kind: 'none', message: errorText(err) }); });
    return () => { cancelled = true; };
  }, [source]);

  useEffect(focusFirstAutofocus, [outcome]);

  const title = source.kind === 'tab' ? t('scanQrCode') : t('scanTitleImage');
  if (!outcome) {
    return <main><ScreenHeader title={title} onBack={onBack} /><p role="status">{t('scanning')}</p></main>;
  }
  if (outcome.kind !== 'found') {
    return (
      <main class="stack">
        <ScreenHeader title={title} onBack={onBack} />
        <p role="alert" class="error" data-testid="scan-message">{outcome.message}</p>
        <ImageFileButton onFile={onImage} />
      </main>
    );
  }
  const { items, problems, unrelated, skipped } = outcome.found;
  const accounts = items.flatMap((i) => (i.kind === 'account' ? [i.account] : []));
  return (
    <main class="stack" data-scan-pass={outcome.via}>
      <ScreenHeader title={title} onBack={onBack} />
      {problems.map((p) => <p key={p} role="alert" class="error" data-testid="scan-message">{t('notValidTwoFactor', p)}</p>)}
      {skipped.length > 0 && (
        <div role="alert" class="error"><p>{t('notImported')}</p><ul class="plain">{skipped.map((s) => <li key={s}>{s}</li>)}</ul></div>
      )}
      {batch ? (
        <MigrationImport progress={batch} onSaved={onSaved} />
      ) : accounts.length > 0 ? (
        <ConfirmAccounts accounts={accounts} binding={outcome.binding} onSaved={onSaved} />
      ) : problems.length === 0 ? (
        <p role="alert" class="error" data-testid="scan-message">
          {plural('foundNotSetup', unrelated)}
        </p>
      ) : null}
      {!batch && accounts.length === 0 && <ImageFileButton onFile={onImage} />}
    </main>
  );
}

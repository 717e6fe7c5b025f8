// The import tab: choose or drop a file, see what it is, give its password only when it needs one, review, import.
import { useState } from 'preact/hooks';
import { plural, t, type MessageKey } from '../i18n.ts';
import type { DetectedFile, ImportResult, ImportStage } from '../../src/shared/import/index.ts';
import { callBackground } from '../messages.ts';
import { errorText } from '../popup/error-text.ts';
import { failedLineText } from '../popup/screens/settings/failed-line-text.ts';
import { detectedText, importErrorText, skippedLine } from './import-words.ts';
import type { ConvertedIcons } from './import-icons.ts';
import { detectFile, readFile } from './read-file.ts';
import { sendAccounts, type SendOutcome } from './send-accounts.ts';

type Step =
  | { kind: 'choose'; error?: string }
  | { kind: 'password'; bytes: Uint8Array; detected: DetectedFile; error?: string }
  | { kind: 'working'; detected: DetectedFile | null; stage: ImportStage | 'saving' }
  | { kind: 'review'; detected: DetectedFile; result: ImportResult; icons: ConvertedIcons; link: ReadonlySet<number>; error?: string }
  | { kind: 'done'; result: ImportResult; outcome: SendOutcome }
  /** Keyfob's own backup: the background opens it (its format and limits are the vault's), here only the password. */
  | { kind: 'keyfob'; text: string; error?: string }
  | { kind: 'keyfob-done'; added: number; duplicates: number; failed: string[] };

/** A Keyfob backup file (extension/background/vault/backup.ts), recognised by its format field. */
function keyfobBackupText(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const json: unknown = JSON.parse(text);
    return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === 'keyfob-backup' ? text : null;
  } catch {
    return null;
  }
}

const STAGE_WORDS: Readonly<Record<ImportStage | 'saving', MessageKey>> = {
  'deriving-key': 'importStageDeriving',
  decrypting: 'importStageDecrypting',
  'reading-entries': 'importStageReading',
  saving: 'importStageSaving',
};

export function ImportPage() {
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [password, setPassword] = useState('');
  const [over, setOver] = useState(false);

  const read = async (bytes: Uint8Array, detected: DetectedFile, pw: string | undefined) => {
    setStep({ kind: 'working', detected, stage: 'reading-entries' });
    const r = await readFile(bytes, pw, (stage) => setStep({ kind: 'working', detected, stage }));
    setPassword('');
    if (r.ok) {
      // Once decrypted, the count is known: "Aegis export, encrypted, 63 entries" before anything is imported.
      const counted = { ...detected, entries: r.result.accounts.length + r.result.skipped.length };
      setStep({ kind: 'review', detected: counted, result: r.result, icons: r.icons, link: new Set() });
    } else if (r.code === 'wrong-password' || r.code === 'password-required') {
      setStep({ kind: 'password', bytes, detected, error: importErrorText(r.code) });
    } else {
      setStep({ kind: 'choose', error: importErrorText(r.code) });
    }
  };

  const open = async (file: File | undefined) => {
    if (!file) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const keyfob = keyfobBackupText(bytes);
    if (keyfob !== null) { setStep({ kind: 'keyfob', text: keyfob }); return; }
    const d = detectFile(bytes);
    if (!d.ok) { setStep({ kind: 'choose', error: importErrorText(d.code) }); return; }
    if (d.detected.encrypted) setStep({ kind: 'password', bytes, detected: d.detected });
    else await read(bytes, d.detected, undefined);
  };

  const openKeyfobBackup = async (text: string, pw: string) => {
    setStep({ kind: 'working', detected: null, stage: 'decrypting' });
    try {
      const r = await callBackground('importData', { text, backupPassword: pw });
      setStep({ kind: 'keyfob-done', added: r.added, duplicates: r.duplicates, failed: r.failed.map(failedLineText) });
    } catch (err) {
      setStep({ kind: 'keyfob', text, error: errorText(err) });
    } finally {
      setPassword('');
    }
  };

  const confirm = async (result: ImportResult, icons: ConvertedIcons, detected: DetectedFile, link: ReadonlySet<number>) => {
    setStep({ kind: 'working', detected, stage: 'saving' });
    try {
      setStep({ kind: 'done', result, outcome: await sendAccounts(result.app, result.accounts, link, icons) });
    } catch (err) {
      setStep({ kind: 'review', detected, result, icons, link, error: errorText(err) });
    }
  };

  return (
    <main>
      <h1>{t('importPageTitle')}</h1>
      {step.kind === 'choose' && (
        <>
          <p>{t('importPageIntro')}</p>
          <div class={over ? 'drop-zone over' : 'drop-zone'} data-testid="import-drop"
            onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)}
            onDrop={(e) => { e.preventDefault(); setOver(false); void open(e.dataTransfer?.files[0]); }}>
            <p>{t('importDropHere')}</p>
            <label>{t('importChooseFile')}
              <input type="file" data-testid="import-file" onChange={(e) => void open(e.currentTarget.files?.[0])} />
            </label>
          </div>
          {step.error && <p role="alert" class="error" data-testid="import-error">{step.error}</p>}
        </>
      )}
      {step.kind === 'password' && (
        <form class="stack" onSubmit={(e) => { e.preventDefault(); void read(step.bytes, step.detected, password); }}>
          <p class="detected" data-testid="import-detected">{detectedText(step.detected)}</p>
          <label>{t('importPasswordLabel')}
            <input type="password" autoComplete="off" required autoFocus data-testid="import-password" value={password}
              onInput={(e) => setPassword(e.currentTarget.value)} />
          </label>
          {step.error && <p role="alert" class="error" data-testid="import-error">{step.error}</p>}
          <button type="submit" class="primary" data-testid="import-open">{t('importOpenFile')}</button>
          <button type="button" onClick={() => setStep({ kind: 'choose' })}>{t('importAnotherFile')}</button>
        </form>
      )}
      {step.kind === 'keyfob' && (
        <form class="stack" onSubmit={(e) => { e.preventDefault(); void openKeyfobBackup(step.text, password); }}>
          <p class="detected" data-testid="import-detected">{t('importDetectedNoCount', 'Keyfob', t('importStateEncrypted'))}</p>
          <label>{t('importPasswordLabel')}
            <input type="password" autoComplete="off" required autoFocus data-testid="import-password" value={password}
              onInput={(e) => setPassword(e.currentTarget.value)} />
          </label>
          {step.error && <p role="alert" class="error" data-testid="import-error">{step.error}</p>}
          <button type="submit" class="primary" data-testid="import-open">{t('importOpenFile')}</button>
          <button type="button" onClick={() => setStep({ kind: 'choose' })}>{t('importAnotherFile')}</button>
        </form>
      )}
      {step.kind === 'keyfob-done' && (
        <div role="status">
          <p class="detected" data-testid="import-summary">{t('importSummary', step.added, step.duplicates, step.failed.length)}</p>
          {step.failed.length > 0 && <ul class="reasons" data-testid="import-skipped">{step.failed.map((f) => <li key={f}>{f}</li>)}</ul>}
          <button type="button" onClick={() => setStep({ kind: 'choose' })}>{t('importAnotherFile')}</button>
        </div>
      )}
      {step.kind === 'working' && (
        <div role="status" aria-live="polite">
          {step.detected && <p class="detected">{detectedText(step.detected)}</p>}
          <p data-testid="import-stage">{t(STAGE_WORDS[step.stage])}</p>
          <div class="progress" />
        </div>
      )}
      {step.kind === 'review' && <Review step={step} onLink={(link) => setStep({ ...step, link })}
        onConfirm={() => void confirm(step.result, step.icons, step.detected, step.link)} onCancel={() => setStep({ kind: 'choose' })} />}
      {step.kind === 'done' && (
        <div role="status">
          <p class="detected" data-testid="import-summary">
            {t('importSummary', step.outcome.added, step.outcome.duplicates.length, step.result.skipped.length)}
          </p>
          <SkippedList result={step.result} />
          {step.outcome.duplicates.length > 0 && (
            <>
              <p>{plural('importAlreadyHere', step.outcome.duplicates.length)}</p>
              <ul class="reasons" data-testid="import-duplicates">
                {step.outcome.duplicates.map((d, i) => <li key={i}>{d.issuer && d.account ? `${d.issuer} (${d.account})` : d.issuer || d.account}</li>)}
              </ul>
            </>
          )}
          <button type="button" onClick={() => setStep({ kind: 'choose' })}>{t('importAnotherFile')}</button>
        </div>
      )}
    </main>
  );
}

function SkippedList({ result }: { result: ImportResult }) {
  if (result.skipped.length === 0) return null;
  return (
    <>
      <p>{plural('importCannot', result.skipped.length)}</p>
      <ul class="reasons" data-testid="import-skipped">{result.skipped.map((s) => <li key={s.index}>{skippedLine(s)}</li>)}</ul>
    </>
  );
}

interface ReviewProps {
  step: Extract<Step, { kind: 'review' }>;
  onLink: (link: ReadonlySet<number>) => void;
  onConfirm: () => void;
  onCancel: () => void;
}

/** What the file holds, before anything is added; sites the file names are offered for binding, never bound silently. */
function Review({ step, onLink, onConfirm, onCancel }: ReviewProps) {
  const { result, detected, link } = step;
  const withUrl = result.accounts.map((a, i) => ({ a, i })).filter(({ a }) => a.url !== null);
  const toggle = (i: number, on: boolean) => {
    const next = new Set(link);
    if (on) next.add(i); else next.delete(i);
    onLink(next);
  };
  return (
    <div>
      <p class="detected" data-testid="import-detected">{detectedText(detected)}</p>
      <p data-testid="import-ready">{plural('importReady', result.accounts.length)}</p>
      <SkippedList result={result} />
      {result.otherItems > 0 && <p>{plural('importOtherItems', result.otherItems)}</p>}
      {withUrl.length > 0 && (
        <fieldset>
          <legend>{t('importOfferLinks')}</legend>
          <ul class="links">
            {withUrl.map(({ a, i }) => (
              <li key={i}>
                <label class="choice">
                  <input type="checkbox" checked={link.has(i)} onChange={(e) => toggle(i, e.currentTarget.checked)} />
                  {t('importLinkAccount', a.issuer || a.account, new URL(a.url as string).host)}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {step.error && <p role="alert" class="error" data-testid="import-error">{step.error}</p>}
      <div class="actions">
        <button type="button" class="primary" data-testid="import-confirm" disabled={result.accounts.length === 0} onClick={onConfirm}>
          {plural('importConfirm', result.accounts.length)}
        </button>
        <button type="button" onClick={onCancel}>{t('importAnotherFile')}</button>
      </div>
    </div>
  );
}

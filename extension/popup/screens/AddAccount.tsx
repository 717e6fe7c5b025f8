// Add account by hand: issuer, name and secret (advanced: algorithm, digits, period, type/counter),
// or a pasted otpauth URI. The shared parser validates both, so its message is what the user sees.
import { t } from '../../i18n.ts';
import { useState } from 'preact/hooks';
import { callBackground } from '../../messages.ts';
// Direct module import (not the index) keeps the Public Suffix List out of the popup's first load.
import { parseOtpauthUri } from '../../../src/shared/otpauth.ts';
import type { OtpAccount } from '../../../src/shared/index.ts';
import { ImageFileButton } from '../components/ImageFileButton.tsx';
import { ScreenHeader } from '../components/ScreenHeader.tsx';
import { errorText } from '../error-text.ts';
import { useAction } from '../hooks/use-action.ts';
import { normaliseOriginInput } from '../../../src/shared/origin.ts';
import { describeAddResult } from './describe-add-result.ts';
import { EMPTY_FORM, uriFromFields, type AccountFields } from './account-form.ts';

export function AddAccount({ onBack, onSaved, onImage }: { onBack: () => void; onSaved: (notice: string) => void; onImage: (file: File) => void }) {
  const [f, setF] = useState<AccountFields>(EMPTY_FORM);
  const { busy, error, setError, run } = useAction();
  const set = (key: keyof AccountFields) => (e: { currentTarget: { value: string } }) => setF({ ...f, [key]: e.currentTarget.value });

  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    let account: OtpAccount;
    try {
      account = parseOtpauthUri(f.uri.trim() || uriFromFields(f));
    } catch (err) {
      setError(errorText(err));
      return;
    }
    const origins: string[] = [];
    if (f.site.trim()) {
      const origin = normaliseOriginInput(f.site);
      if (!origin) { setError(t('notWebAddress', f.site.trim())); return; }
      origins.push(origin);
    }
    await run(async () => {
      const result = await callBackground('addAccounts', { drafts: [{ account, origins }] });
      onSaved(describeAddResult(result));
    }, { leavesScreen: true });
  };

  return (
    <main>
      <ScreenHeader title={t('addAccount')} onBack={onBack} />
      <form onSubmit={submit} class="stack">
        <label>{t('otpauthUri')}
          <input type="text" value={f.uri} onInput={set('uri')} placeholder="otpauth://totp/…" spellcheck={false} autoFocus />
        </label>
        <p class="hint">{t('orEnterByHand')}</p>
        <label>{t('issuer')}<input type="text" value={f.issuer} onInput={set('issuer')} /></label>
        <label>{t('accountName')}<input type="text" value={f.account} onInput={set('account')} /></label>
        <label>{t('secretKey')}<input type="text" value={f.secret} onInput={set('secret')} spellcheck={false} autoComplete="off" /></label>
        <label>{t('siteOptional')}<input type="text" value={f.site} onInput={set('site')} placeholder="https://example.com" /></label>
        <details>
          <summary>{t('advanced')}</summary>
          <label>{t('type')}
            <select value={f.type} onChange={set('type')}><option value="totp">{t('timeBased')}</option><option value="hotp">{t('counterBased')}</option></select>
          </label>
          <label>{t('algorithm')}
            <select value={f.algorithm} onChange={set('algorithm')}><option>SHA1</option><option>SHA256</option><option>SHA512</option></select>
          </label>
          <label>{t('digitsLabel')}
            <select value={f.digits} onChange={set('digits')}><option>6</option><option>7</option><option>8</option></select>
          </label>
          {f.type === 'totp'
            ? <label>{t('periodLabel')}<input type="number" min={1} value={f.period} onInput={set('period')} /></label>
            : <label>{t('counterLabel')}<input type="number" min={0} value={f.counter} onInput={set('counter')} /></label>}
        </details>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{t('save')}</button>
      </form>
      <section class="stack">
        <p class="hint">{t('haveScreenshot')}</p>
        <ImageFileButton onFile={onImage} />
      </section>
    </main>
  );
}

// Two-factor setup (QR, key, confirmation) and the recovery-codes page.
import { Csrf, ErrorBox, Layout, Notice, type Viewer } from './layout.tsx';

interface Base { appName: string; csrf: string; viewer: Viewer }

export function SetupPage(p: Base & { qrDataUrl: string; secret: string; error?: string | null }) {
  return (
    <Layout appName={p.appName} title="Enable two-factor authentication" viewer={p.viewer} csrf={p.csrf}>
      <ol class="steps">
        <li>
          <p>Scan this QR code with your authenticator app.</p>
          <img class="qr" src={p.qrDataUrl} width={264} height={264} alt="QR code for your authenticator app" data-testid="two-factor-qr" />
        </li>
        <li>
          <p>Or enter this setup key by hand:</p>
          <p><code class="secret" data-testid="two-factor-secret">{p.secret}</code></p>
          <p class="muted" aria-hidden="true">{p.secret.match(/.{1,4}/g)?.join(' ')}</p>
        </li>
        <li>
          <p>Enter the 6-digit code the app shows to finish. Two-factor authentication is not active until you do.</p>
          <ErrorBox message={p.error} />
          <form method="post" action="/user/confirmed-two-factor-authentication">
            <Csrf token={p.csrf} />
            <label>Code <input name="code" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9 ]*" maxLength={7} required /></label>
            <button type="submit">Confirm</button>
          </form>
        </li>
      </ol>
      <p><a href="/settings">Back to settings</a> (you will need to start again)</p>
    </Layout>
  );
}

export function RecoveryCodesPage(p: Base & { fresh: string[] | null; remaining: number; flash?: string | null }) {
  const text = p.fresh ? `${p.appName} recovery codes\n\n${p.fresh.join('\n')}\n\nEach code works once.\n` : '';
  return (
    <Layout appName={p.appName} title="Recovery codes" viewer={p.viewer} csrf={p.csrf}>
      <Notice message={p.flash} />
      {p.fresh ? (
        <section class="card warn">
          <p>Keep these codes somewhere safe. Each works once, if you lose your authenticator. <strong>They are shown only now.</strong></p>
          <ul class="codes" data-testid="recovery-codes">
            {p.fresh.map((c) => <li key={c}><code>{c}</code></li>)}
          </ul>
          <p class="actions">
            <a class="button" data-action="download-codes" download="recovery-codes.txt" href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}>Download</a>
            <button type="button" data-action="copy-codes" data-codes={p.fresh.join('\n')} hidden>Copy</button>
          </p>
          <label class="check"><input type="checkbox" id="codes-saved" name="saved" /> I have saved these codes</label>
          <p><a href="/settings" class="button">Done</a></p>
        </section>
      ) : (
        <p>Your recovery codes are stored only as hashes, so they cannot be shown again. If you lost them, regenerate a new set.</p>
      )}
      <p data-testid="recovery-codes-remaining">{p.remaining} of 8 codes unused.</p>
      <form method="post" action="/user/two-factor-recovery-codes">
        <Csrf token={p.csrf} />
        <button type="submit" class="secondary">Regenerate recovery codes</button>
      </form>
      <p class="muted">Regenerating makes every old code stop working at once.</p>
    </Layout>
  );
}

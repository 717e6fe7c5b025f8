// The /lab pages: one setup QR or challenge field per page, each in a shape real sites use.
import { h, type ComponentChildren } from 'preact';

export interface LabPageBase { base: string; title: string }

export function LabLayout(p: { title: string; children: ComponentChildren; bodyClass?: string; scripts?: string[] }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>{p.title}</title>
        <link rel="stylesheet" href="/lab/assets/lab.css" />
        {(p.scripts ?? []).map((s) => <script key={s} src={`/lab/assets/${s}`} defer />)}
      </head>
      <body class={p.bodyClass}>
        <main>{p.children}</main>
      </body>
    </html>
  );
}

export const SETUP_VARIANTS = ['png', 'svg', 'canvas', 'iframe', 'zoom'] as const;
export const CHALLENGE_VARIANTS = ['plain', 'no-autocomplete', 'split', 'late', 'shadow', 'iframe', 'recovery',
  'cleared', 'cleared-always', 'rerendered', 'deep-shadow', 'deep-shadow-busy'] as const;
export const NEGATIVE_VARIANTS = ['postal', 'phone', 'card', 'deep-postal'] as const;
export type SetupVariant = typeof SETUP_VARIANTS[number];
export type ChallengeVariant = typeof CHALLENGE_VARIANTS[number];
export type NegativeVariant = typeof NEGATIVE_VARIANTS[number];

/** `detectionVariants` come from detection-pages.tsx, which builds on this file's layout. */
export function LabIndexPage(p: { base: string; secret: string; detectionVariants?: readonly string[] }) {
  const link = (path: string) => <li key={path}><a href={`${p.base}/${path}`}>{path}</a></li>;
  return (
    <LabLayout title="Integration lab">
      <h1>Integration lab</h1>
      <p>Lab secret: <code data-testid="two-factor-secret">{p.secret}</code></p>
      <h2>Setup QR</h2><ul>{SETUP_VARIANTS.map((v) => link(`setup/${v}`))}</ul>
      <h2>Challenge</h2><ul>{CHALLENGE_VARIANTS.map((v) => link(`challenge/${v}`))}</ul>
      <h2>Detection</h2><ul>{(p.detectionVariants ?? []).map((v) => link(`detect/${v}`))}</ul>
      <h2>Not one-time-code fields</h2><ul>{NEGATIVE_VARIANTS.map((v) => link(`negative/${v}`))}</ul>
      <p><a href={`${p.base}/recovery-codes`}>Freshly issued recovery codes</a></p>
    </LabLayout>
  );
}

export function SetupPage(p: { variant: SetupVariant; base: string; secret: string; pngDataUrl: string; svg: string; frameSrc: string }) {
  const qr = {
    png: <img src={p.pngDataUrl} alt="QR code for your authenticator app" width="200" height="200" />,
    zoom: <img src={p.pngDataUrl} alt="QR code for your authenticator app" width="200" height="200" />,
    svg: <div class="qr-svg" dangerouslySetInnerHTML={{ __html: p.svg }} />,
    canvas: <canvas id="qr-canvas" width="200" height="200" data-src={`${p.base}/qr.png`} />,
    iframe: <iframe src={p.frameSrc} title="Authenticator setup" width="320" height="320" />,
  }[p.variant];
  return (
    <LabLayout title={`Lab setup: ${p.variant}`} bodyClass={p.variant === 'zoom' ? 'zoomed' : undefined}
      scripts={p.variant === 'canvas' ? ['qr-canvas.js'] : []}>
      <h1>Set up two-factor authentication</h1>
      <p>Scan this QR code with your authenticator app.</p>
      {qr}
      <p>Or enter this key: <code data-testid="two-factor-secret">{p.secret}</code></p>
    </LabLayout>
  );
}

/** Only the QR, for the iframe variant. */
export function QrOnlyPage(p: { pngDataUrl: string }) {
  return (
    <LabLayout title="QR">
      <img src={p.pngDataUrl} alt="QR code" width="200" height="200" />
    </LabLayout>
  );
}

function FightingForm(p: { action: string; mode: 'clear-once' | 'clear-always' | 'rerender' }) {
  return (
    <form method="post" action={p.action} id="fighting-form" data-mode={p.mode}>
      <label>Authentication code <input name="code" inputmode="numeric" maxlength={6} autocomplete="one-time-code" /></label>
      <button type="submit">Verify</button>
    </form>
  );
}

function CodeForm(p: { action: string; children: ComponentChildren; id?: string }) {
  return (
    <form method="post" action={p.action} id={p.id}>
      {p.children}
      <button type="submit">Verify</button>
    </form>
  );
}

/** Forms post back to their own page, so a wrong code re-renders the same challenge, as real sign-ins do. */
export function ChallengePage(p: { variant: ChallengeVariant; base: string; frameSrc: string; rejected?: boolean }) {
  const action = `${p.base}/challenge/${p.variant}`;
  const body = {
    plain: (
      <CodeForm action={action}>
        <label>Authentication code <input name="code" autocomplete="one-time-code" inputmode="numeric" /></label>
      </CodeForm>
    ),
    'no-autocomplete': (
      <CodeForm action={action}>
        <label for="token">Enter the 6-digit code from your authenticator app</label>
        <input id="token" name="token" type="text" inputmode="numeric" maxlength={6} autocomplete="off" />
      </CodeForm>
    ),
    split: (
      <CodeForm action={action} id="split-form">
        <fieldset class="split">
          <legend>Authentication code</legend>
          {[1, 2, 3, 4, 5, 6].map((i) => <input key={i} class="digit" type="text" inputmode="numeric" maxlength={1} aria-label={`Digit ${i}`} autocomplete="off" />)}
        </fieldset>
        <input type="hidden" name="code" />
      </CodeForm>
    ),
    late: <div id="late-slot" data-action={action}><p>Loading…</p></div>,
    // A web component, as sites that put their form in shadow DOM build it.
    shadow: h('lab-otp-form', { id: 'shadow-host', 'data-action': action }),
    iframe: <iframe src={p.frameSrc} title="Verification" width="420" height="240" />,
    recovery: (
      <CodeForm action={action}>
        <label>Recovery code <input name="recovery_code" autocomplete="off" /></label>
      </CodeForm>
    ),
    // Page scripts that fight autofill (clearing-field.js): empty the field once, every time, or re-render it.
    cleared: <FightingForm action={action} mode="clear-once" />,
    'cleared-always': <FightingForm action={action} mode="clear-always" />,
    rerendered: <FightingForm action={action} mode="rerender" />,
    // Three custom-element hosts deep, each shadow root filled a little later (deep-shadow-field.js).
    'deep-shadow': h('lab-deep-1', { id: 'deep-host', 'data-action': action, 'data-field': 'code' }),
    // The same, on a page whose light DOM changes every 100 ms meanwhile: each nested step lands while a watcher that
    // pauses between looks is not listening.
    'deep-shadow-busy': h('lab-deep-1', { id: 'deep-host', 'data-action': action, 'data-field': 'code', 'data-busy': '' }),
  }[p.variant];
  const scripts = { split: ['split-boxes.js'], late: ['late-field.js'], shadow: ['shadow-field.js'],
    cleared: ['clearing-field.js'], 'cleared-always': ['clearing-field.js'], rerendered: ['clearing-field.js'],
    'deep-shadow': ['deep-shadow-field.js'], 'deep-shadow-busy': ['deep-shadow-field.js'] } as Partial<Record<ChallengeVariant, string[]>>;
  return (
    <LabLayout title={`Lab challenge: ${p.variant}`} scripts={scripts[p.variant] ?? []}>
      <h1>Two-factor authentication</h1>
      <p>Open your authenticator app and enter the code for this account.</p>
      {p.rejected ? <p role="alert" data-testid="lab-result">rejected</p> : null}
      {body}
    </LabLayout>
  );
}

export function NegativePage(p: { variant: NegativeVariant; base: string }) {
  const fields = {
    postal: (
      <>
        <label>Street <input name="street" autocomplete="address-line1" /></label>
        <label>Postal code <input name="postal_code" inputmode="numeric" maxlength={6} /></label>
        <label>Code postal (FR) <input name="zip" maxlength={5} /></label>
      </>
    ),
    phone: (
      <>
        <label>Phone <input type="tel" name="phone" autocomplete="tel" maxlength={8} /></label>
        <label>Mobile number <input type="tel" name="mobile" inputmode="numeric" maxlength={8} /></label>
      </>
    ),
    card: (
      <>
        <label>Card number <input name="cardnumber" autocomplete="cc-number" inputmode="numeric" /></label>
        <label>Expiry <input name="exp" autocomplete="cc-exp" /></label>
        <label>Security code <input name="cvc" inputmode="numeric" maxlength={4} /></label>
        <label>Coupon code <input name="coupon" maxlength={8} /></label>
      </>
    ),
    'deep-postal': null,
  }[p.variant];
  const action = `${p.base}/negative/${p.variant}`;
  return (
    <LabLayout title={`Lab negative: ${p.variant}`} scripts={p.variant === 'deep-postal' ? ['deep-shadow-field.js'] : []}>
      <h1>Checkout</h1>
      {p.variant === 'deep-postal'
        // The deep-shadow challenge's look-alike: a numeric 6-character postal-code field three shadow hosts deep.
        ? h('lab-deep-1', { id: 'deep-host', 'data-action': action, 'data-field': 'postal' })
        : <form method="post" action={action}>{fields}<button type="submit">Save</button></form>}
    </LabLayout>
  );
}

export function RecoveryCodesPage(p: { codes: string[] }) {
  return (
    <LabLayout title="Recovery codes">
      <h1>Two-factor authentication is on</h1>
      <section>
        <h2>Recovery codes</h2>
        <p>Store these recovery codes somewhere safe. Each works once.</p>
        <ul data-testid="recovery-codes">{p.codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
      </section>
    </LabLayout>
  );
}

export function SignedInPage(p: { variant: string }) {
  return (
    <LabLayout title="Signed in">
      <h1>Signed in</h1>
      <p data-testid="lab-result" data-variant={p.variant}>accepted</p>
    </LabLayout>
  );
}

// Register, sign-in, two-factor challenge and password-confirmation forms.
import { Csrf, ErrorBox, Layout, Notice } from './layout.tsx';
import { pageTemplate, type RenderedPage } from './page-template.ts';

interface Base { appName: string; csrf: string; error?: string | null }

export function RegisterPage(p: Base & { name?: string; email?: string }) {
  return (
    <Layout appName={p.appName} title="Create your account">
      <ErrorBox message={p.error} />
      <form method="post" action="/register" class="card">
        <Csrf token={p.csrf} />
        <label>Name <input name="name" autocomplete="name" required maxLength={100} value={p.name ?? ''} /></label>
        <label>E-mail <input name="email" type="email" autocomplete="username" required maxLength={254} value={p.email ?? ''} /></label>
        <label>Password <input name="password" type="password" autocomplete="new-password" required minLength={10} /></label>
        <label>Confirm password <input name="password_confirmation" type="password" autocomplete="new-password" required /></label>
        <button type="submit">Register</button>
      </form>
      <p>Already have an account? <a href="/login">Sign in</a></p>
    </Layout>
  );
}

export function LoginPage(p: Base & { email?: string; notice?: string | null }) {
  return (
    <Layout appName={p.appName} title="Sign in">
      <Notice message={p.notice} />
      <ErrorBox message={p.error} />
      <form method="post" action="/login" class="card">
        <Csrf token={p.csrf} />
        <label>E-mail <input name="email" type="email" autocomplete="username" required maxLength={254} value={p.email ?? ''} /></label>
        <label>Password <input name="password" type="password" autocomplete="current-password" required /></label>
        <button type="submit">Sign in</button>
      </form>
      <p><a href="/forgot-password">Forgot your password?</a> · No account yet? <a href="/register">Register</a></p>
    </Layout>
  );
}

type ChallengeProps = Base & { recovery: boolean };

// The challenge is the page a code-guessing client gets back on every wrong code: drawn once per app name, mode and
// whether it shows an error, then only the CSRF token and the error text are filled in.
const challengeTemplates = new Map<string, (values: { csrf: string; error: string }) => RenderedPage>();

export function ChallengePage(p: ChallengeProps): RenderedPage {
  const showsError = Boolean(p.error);
  const key = JSON.stringify([p.appName, p.recovery, showsError]);
  let fill = challengeTemplates.get(key);
  if (!fill) {
    fill = pageTemplate(showsError ? ['csrf', 'error'] : ['csrf'], (marks: { csrf: string; error?: string }) =>
      ChallengeView({ appName: p.appName, recovery: p.recovery, csrf: marks.csrf, error: marks.error ?? null }));
    challengeTemplates.set(key, fill);
  }
  return fill({ csrf: p.csrf, error: p.error ?? '' });
}

/** The challenge page as a component; routes send ChallengePage, its pre-drawn twin. */
export function ChallengeView(p: ChallengeProps) {
  return (
    <Layout appName={p.appName} title="Two-factor authentication">
      <ErrorBox message={p.error} />
      <form method="post" action="/two-factor-challenge" class="card">
        <Csrf token={p.csrf} />
        {p.recovery ? (
          <>
            <p>Enter one of your recovery codes.</p>
            <label>Recovery code <input name="recovery_code" autocomplete="off" autocapitalize="characters" spellcheck={false} required maxLength={64} /></label>
          </>
        ) : (
          <>
            <p>Enter the 6-digit code from your authenticator app.</p>
            <label>Authentication code <input name="code" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9 ]*" maxLength={7} required autofocus /></label>
          </>
        )}
        <label class="check"><input type="checkbox" name="remember_device" value="1" /> Remember this device for 30 days</label>
        <button type="submit">Verify</button>
      </form>
      <p>
        {p.recovery
          ? <a href="/two-factor-challenge">Use an authentication code</a>
          : <a href="/two-factor-challenge?recovery=1">Use a recovery code</a>}
      </p>
    </Layout>
  );
}

export function ConfirmPasswordPage(p: Base & { next: string; viewer: { name: string; isAdmin: boolean } }) {
  return (
    <Layout appName={p.appName} title="Confirm your password" viewer={p.viewer} csrf={p.csrf}>
      <p>This is a protected area. Please confirm your password to continue; you will not be asked again for 15 minutes.</p>
      <ErrorBox message={p.error} />
      <form method="post" action="/user/confirm-password" class="card">
        <Csrf token={p.csrf} />
        <input type="hidden" name="next" value={p.next} />
        <label>Password <input name="password" type="password" autocomplete="current-password" required autofocus /></label>
        <button type="submit">Confirm</button>
      </form>
    </Layout>
  );
}

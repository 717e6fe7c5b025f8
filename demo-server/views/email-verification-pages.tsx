// After registering (the same page whether or not the address had an account) and the e-mail verification link.
import { Csrf, ErrorBox, Layout, formatTime, type Viewer } from './layout.tsx';

export function RegistrationSentPage(p: { appName: string; email: string }) {
  return (
    <Layout appName={p.appName} title="Check your e-mail">
      <p class="notice" role="status" data-testid="notice">
        We sent a message to <strong data-testid="registered-email">{p.email}</strong>. Open the link in it to verify your address.
      </p>
      <p>Then <a href="/login">sign in</a> with your e-mail address and password.</p>
    </Layout>
  );
}

export function VerifyEmailPage(p: { appName: string; csrf: string; token: string; email: string; name: string; createdAt: number; viewer: Viewer | null }) {
  return (
    <Layout appName={p.appName} title="Verify your e-mail address" viewer={p.viewer} csrf={p.csrf}>
      <p>Confirm that <strong>{p.email}</strong> belongs to you, for the account of <strong>{p.name}</strong> created {formatTime(p.createdAt)}.</p>
      <p>Only confirm if you created this account. If you did not, do not confirm: <a href="/forgot-password">reset its password</a> instead, which also proves the address is yours.</p>
      <form method="post" action="/verify-email" class="card">
        <Csrf token={p.csrf} />
        <input type="hidden" name="token" value={p.token} />
        <button type="submit">Verify my e-mail address</button>
      </form>
    </Layout>
  );
}

export function DeadVerificationLinkPage(p: { appName: string; viewer: Viewer | null; csrf: string; error: string }) {
  return (
    <Layout appName={p.appName} title="Verify your e-mail address" viewer={p.viewer} csrf={p.csrf}>
      <ErrorBox message={p.error} />
      <p>Sign in and use <strong>Send a new verification link</strong> in your settings.</p>
    </Layout>
  );
}

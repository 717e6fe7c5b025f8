// Forgot-password and reset-password forms.
import { Csrf, ErrorBox, Layout, Notice } from './layout.tsx';

export function ForgotPasswordPage(p: { appName: string; csrf: string; notice?: string | null; error?: string | null }) {
  return (
    <Layout appName={p.appName} title="Reset your password">
      <Notice message={p.notice} />
      <ErrorBox message={p.error} />
      <form method="post" action="/forgot-password" class="card">
        <Csrf token={p.csrf} />
        <label>E-mail <input name="email" type="email" autocomplete="username" required maxLength={254} /></label>
        <button type="submit">Send reset link</button>
      </form>
      <p><a href="/login">Back to sign in</a></p>
    </Layout>
  );
}

export function ResetPasswordPage(p: { appName: string; csrf: string; token: string; error?: string | null }) {
  return (
    <Layout appName={p.appName} title="Choose a new password">
      <ErrorBox message={p.error} />
      <form method="post" action="/reset-password" class="card">
        <Csrf token={p.csrf} />
        <input type="hidden" name="token" value={p.token} />
        <label>New password <input name="password" type="password" autocomplete="new-password" required minLength={10} /></label>
        <label>Confirm new password <input name="password_confirmation" type="password" autocomplete="new-password" required /></label>
        <button type="submit">Reset password</button>
      </form>
    </Layout>
  );
}

// The account settings page: profile, two-factor section, password, sessions, API tokens, security notifications.
import type { ApiTokenRow } from '../db/api-tokens.ts';
import type { Notification } from '../db/audit.ts';
import { Csrf, ErrorBox, Layout, Notice, formatTime, type Viewer } from './layout.tsx';

export interface SettingsProps {
  appName: string; csrf: string; viewer: Viewer; email: string; emailVerified: boolean;
  twoFactor: 'enabled' | 'pending' | 'disabled'; recoveryCodesLeft: number;
  replacementCode: { code: string; remaining: number } | null; freshApiToken: string | null;
  tokens: ApiTokenRow[]; notifications: Notification[]; flash: string | null; error: string | null;
}

export function SettingsPage(p: SettingsProps) {
  return (
    <Layout appName={p.appName} title="Settings" viewer={p.viewer} csrf={p.csrf}>
      <Notice message={p.flash} />
      <ErrorBox message={p.error} />
      {p.replacementCode && (
        <section class="card warn" data-testid="replacement-recovery-code">
          <h2>Your new recovery code</h2>
          <p>You signed in with a recovery code, which is now used up. It has been replaced by this new code, shown only once, so you still have {p.replacementCode.remaining}:</p>
          <p><code class="code" data-testid="new-recovery-code">{p.replacementCode.code}</code></p>
          <p>Add it to where you keep your other recovery codes.</p>
        </section>
      )}
      <section class="card">
        <h2>Profile</h2>
        <p>{p.viewer.name} · {p.email}</p>
        {p.emailVerified ? (
          <p class="status on" data-testid="email-status">Your e-mail address is <strong>verified</strong>.</p>
        ) : (
          <>
            <p class="status off" data-testid="email-status">Your e-mail address is <strong>not verified</strong> yet: open the link we mailed you.</p>
            <form method="post" action="/user/email-verification">
              <Csrf token={p.csrf} />
              <button type="submit" class="secondary">Send a new verification link</button>
            </form>
          </>
        )}
      </section>
      <section class="card" id="two-factor" data-testid="two-factor-section">
        <h2>Two-factor authentication</h2>
        {p.twoFactor === 'enabled' ? (
          <>
            <p class="status on" data-testid="two-factor-status">Two-factor authentication is <strong>enabled</strong>.</p>
            <p>{p.recoveryCodesLeft} of 8 recovery codes unused. <a href="/user/two-factor-recovery-codes">Recovery codes</a></p>
            {p.recoveryCodesLeft <= 2 && <p class="error">You are running out of recovery codes: regenerate them.</p>}
            <form method="post" action="/user/two-factor-authentication/disable">
              <Csrf token={p.csrf} />
              <label>Current password <input name="password" type="password" autocomplete="current-password" required /></label>
              <p>Disabling also signs out your other browsers and revokes every personal access token.</p>
              <button type="submit" class="danger">Disable two-factor authentication</button>
            </form>
          </>
        ) : p.twoFactor === 'pending' ? (
          <>
            <p class="status" data-testid="two-factor-status">Setup started but not finished: two-factor authentication is <strong>not active</strong> yet.</p>
            <p><a href="/user/two-factor-authentication">Resume setup</a></p>
            <form method="post" action="/user/two-factor-authentication" class="inline">
              <Csrf token={p.csrf} />
              <button type="submit">Enable two-factor authentication</button>
            </form>
            <form method="post" action="/user/two-factor-authentication/cancel" class="inline">
              <Csrf token={p.csrf} />
              <button type="submit" class="secondary">Cancel setup</button>
            </form>
          </>
        ) : (
          <>
            <p class="status off" data-testid="two-factor-status">Two-factor authentication is <strong>disabled</strong>.</p>
            <p>Add a second step to sign-in: a 6-digit code from an authenticator app.</p>
            <form method="post" action="/user/two-factor-authentication">
              <Csrf token={p.csrf} />
              <button type="submit">Enable two-factor authentication</button>
            </form>
          </>
        )}
      </section>
      <section class="card">
        <h2>Change password</h2>
        <p>Changing your password signs out your other browsers and revokes every personal access token.</p>
        <form method="post" action="/user/password">
          <Csrf token={p.csrf} />
          <label>Current password <input name="current_password" type="password" autocomplete="current-password" required /></label>
          <label>New password <input name="password" type="password" autocomplete="new-password" required minLength={10} /></label>
          <label>Confirm new password <input name="password_confirmation" type="password" autocomplete="new-password" required /></label>
          <button type="submit">Change password</button>
        </form>
      </section>
      <section class="card">
        <h2>Sessions</h2>
        <p>Sign out every other browser, forget every remembered device and revoke every personal access token.</p>
        <form method="post" action="/user/sessions/sign-out-everywhere">
          <Csrf token={p.csrf} />
          <button type="submit" class="secondary">Sign out everywhere else</button>
        </form>
      </section>
      <section class="card" id="api-tokens">
        <h2>Personal access tokens</h2>
        <p data-testid="token-kill-switches">Every token is revoked when your password is changed or reset, when you sign out everywhere,
          when two-factor authentication is disabled or reset by an administrator: create new ones afterwards.</p>
        {p.freshApiToken && (
          <p class="notice">Copy your new token now, it will not be shown again: <code data-testid="new-api-token">{p.freshApiToken}</code></p>
        )}
        {p.tokens.length > 0 && (
          <table>
            <thead><tr><th>Name</th><th>Created</th><th>Last used</th><th /></tr></thead>
            <tbody>
              {p.tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td><td>{formatTime(t.created_at)}</td><td>{formatTime(t.last_used_at)}</td>
                  <td>
                    <form method="post" action={`/user/api-tokens/${t.id}/revoke`} class="inline">
                      <Csrf token={p.csrf} />
                      <button type="submit" class="link">Revoke</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form method="post" action="/user/api-tokens">
          <Csrf token={p.csrf} />
          <label>Token name <input name="name" required maxLength={60} /></label>
          <button type="submit">Create token</button>
        </form>
      </section>
      <section class="card">
        <h2>Security notifications</h2>
        {p.notifications.length === 0 ? <p>None yet.</p> : (
          <ul data-testid="notifications">
            {p.notifications.map((n) => <li key={n.id}><time>{formatTime(n.created_at)}</time> {n.message}</li>)}
          </ul>
        )}
      </section>
    </Layout>
  );
}

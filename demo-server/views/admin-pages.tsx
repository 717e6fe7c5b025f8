// Admin: the user list with its two-factor filter, and one user's status, audit log and the 2FA reset.
import type { AuditEvent } from '../db/audit.ts';
import type { TwoFactorFilter, UserRow } from '../db/users.ts';
import { Csrf, Layout, Notice, formatTime, type Viewer } from './layout.tsx';

interface Base { appName: string; csrf: string; viewer: Viewer }

const methodText: Record<string, string> = {
  password: 'password only', totp: 'password + authentication code', recovery_code: 'password + recovery code',
  remembered_device: 'password + remembered device', api: 'API, password only', api_totp: 'API, authentication code',
  api_recovery_code: 'API, recovery code',
};

function twoFactorText(u: UserRow): string {
  return u.totp_confirmed_at !== null ? 'enabled' : 'disabled';
}

export function AdminUsersPage(p: Base & { users: UserRow[]; filter: TwoFactorFilter }) {
  return (
    <Layout appName={p.appName} title="Users" viewer={p.viewer} csrf={p.csrf}>
      <form method="get" action="/admin/users" class="inline">
        <label>Two-factor
          <select name="two_factor">
            {(['all', 'enabled', 'disabled'] as const).map((f) => <option key={f} value={f} selected={f === p.filter}>{f}</option>)}
          </select>
        </label>
        <button type="submit" class="secondary">Filter</button>
      </form>
      <table data-testid="users">
        <thead><tr><th>Name</th><th>E-mail</th><th>Two-factor</th><th>Last sign-in</th></tr></thead>
        <tbody>
          {p.users.map((u) => (
            <tr key={u.id} data-user-id={u.id}>
              <td><a href={`/admin/users/${u.id}`}>{u.name}</a></td>
              <td>{u.email}</td>
              <td>{twoFactorText(u)}</td>
              <td>{formatTime(u.last_sign_in_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function AdminUserPage(p: Base & { user: UserRow; codesLeft: number; audit: AuditEvent[]; flash: string | null; locked: boolean }) {
  const u = p.user;
  return (
    <Layout appName={p.appName} title={u.name} viewer={p.viewer} csrf={p.csrf}>
      <Notice message={p.flash} />
      <dl class="card" data-testid="user-status">
        <dt>E-mail</dt><dd>{u.email}</dd>
        <dt>Two-factor</dt><dd data-testid="two-factor-status">{twoFactorText(u)}</dd>
        <dt>Enabled since</dt><dd>{formatTime(u.totp_confirmed_at)}</dd>
        <dt>Recovery codes unused</dt><dd>{u.totp_confirmed_at !== null ? p.codesLeft : '–'}</dd>
        <dt>Second factor locked</dt><dd>{p.locked ? 'yes' : 'no'} ({u.second_factor_failures} consecutive failures)</dd>
        <dt>Last sign-in</dt><dd data-testid="last-sign-in">{formatTime(u.last_sign_in_at)}{u.last_sign_in_method ? `, ${methodText[u.last_sign_in_method] ?? u.last_sign_in_method}` : ''}</dd>
      </dl>
      {(u.totp_secret !== null) && (
        <form method="post" action={`/admin/users/${u.id}/two-factor/reset`} class="card">
          <Csrf token={p.csrf} />
          <p>Use this when the user has lost both the authenticator and the recovery codes, after verifying who they are. It signs them out everywhere.</p>
          <button type="submit" class="danger">Reset two-factor authentication</button>
        </form>
      )}
      <h2>Audit log</h2>
      <table data-testid="audit-log">
        <thead><tr><th>When</th><th>Event</th><th>By</th><th>Detail</th></tr></thead>
        <tbody>
          {p.audit.map((e) => (
            <tr key={e.id}><td>{formatTime(e.created_at)}</td><td>{e.action}</td><td>{e.actor_id === null ? 'system' : e.actor_id === u.id ? 'the user' : `admin #${e.actor_id}`}</td><td>{e.detail}</td></tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

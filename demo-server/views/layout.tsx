// The page frame: header with the app name and account links, the site's icon, one stylesheet, one deferred script.
import type { ComponentChildren } from 'preact';

export interface Viewer { name: string; isAdmin: boolean }

export interface LayoutProps { appName: string; title: string; viewer?: Viewer | null; csrf?: string; children: ComponentChildren }

export function Layout({ appName, title, viewer, csrf, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${appName}`}</title>
        {/* A real icon of the site's own origin: Keyfob captures it when it scans this site's QR code (issue 24). */}
        <link rel="icon" type="image/png" sizes="32x32" href="/static/favicon.png" />
        <link rel="stylesheet" href="/static/style.css" />
        <script src="/static/app.js" defer />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/">{appName}</a>
          <nav>
            {viewer ? (
              <>
                <a href="/settings">Settings</a>
                {viewer.isAdmin && <a href="/admin/users">Admin</a>}
                <form method="post" action="/logout" class="inline">
                  <input type="hidden" name="_csrf" value={csrf} />
                  <button type="submit" class="link">Sign out</button>
                </form>
              </>
            ) : (
              <>
                <a href="/login">Sign in</a>
                <a href="/register">Register</a>
              </>
            )}
          </nav>
        </header>
        <main>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

export function ErrorBox({ message }: { message?: string | null | undefined }) {
  return message ? <p class="error" role="alert" data-testid="error">{message}</p> : null;
}

export function Notice({ message }: { message?: string | null | undefined }) {
  return message ? <p class="notice" role="status" data-testid="notice">{message}</p> : null;
}

export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

export function formatTime(ms: number | null): string {
  return ms === null ? 'never' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

// A plain page with a status message: errors, 404s, rejected forms that have nothing to re-render.
import { Layout, type Viewer } from './layout.tsx';

export function MessagePage(p: { appName: string; title: string; message: string }) {
  return (
    <Layout appName={p.appName} title={p.title}>
      <p data-testid="message">{p.message}</p>
      <p><a href="/">Home</a></p>
    </Layout>
  );
}

export function HomePage(p: { appName: string; viewer: Viewer | null; csrf: string }) {
  return (
    <Layout appName={p.appName} title={`Welcome to ${p.appName}`} viewer={p.viewer} csrf={p.csrf}>
      <p>A small account area with two-factor authentication, for trying out authenticators.</p>
      <p>{p.viewer ? <a href="/settings">Go to your settings</a> : <><a href="/register">Register</a> or <a href="/login">Sign in</a></>}</p>
    </Layout>
  );
}

// The real demo server for browser tests: its own temp SQLite directory, on an ephemeral loopback port.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../demo-server/app.ts';
import { defaultKeyDir, defaultMailDir, readConfig } from '../../demo-server/config.ts';

export interface DemoSite { base: string; port: number; dataDir: string; close(): Promise<void> }

/** Starts the demo app with cheap password hashing; `env` adds settings (e.g. DEMO_LAB). */
export async function startDemoSite(env: Record<string, string> = {}): Promise<DemoSite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kf-demo-site-'));
  const demo = await createApp(readConfig({ PORT: '0', DATA_DIR: dataDir, SCRYPT_LOG_N: '10', LOG_REQUESTS: '0', ...env }));
  const server = await new Promise<Server>((resolve) => { const s = demo.app.listen(0, '127.0.0.1', () => resolve(s)); });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  // The browser tests open the demo pages at 127.0.0.1, so that is the public URL (mailed links, the Host check).
  if (!env.PUBLIC_URL) demo.setPublicUrl(base);
  return {
    base,
    port,
    dataDir,
    async close() {
      await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
      demo.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(defaultKeyDir(dataDir), { recursive: true, force: true });
      rmSync(defaultMailDir(dataDir), { recursive: true, force: true });
    },
  };
}

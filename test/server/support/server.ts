// Starts the real demo app on 127.0.0.1:0 with a temp DATA_DIR, cheap scrypt, a movable clock and captured logs.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createApp, type DemoApp } from '../../../demo-server/app.ts';
import { defaultKeyDir, mailDirOf, type Config } from '../../../demo-server/config.ts';

export interface TestServer {
  url: string;
  demo: DemoApp;
  config: Config;
  dataDir: string;
  /** Where the outbox (the stand-in for sent mail) is written: beside DATA_DIR, not in it. */
  mailDir: string;
  /** Every log line (requests and alerts), to check that nothing secret is logged. */
  logs: string[];
  clock: { now: number; advance(ms: number): void };
  close(): Promise<void>;
}

export const testPeriodMs = 30_000;

export async function startServer(overrides: Partial<Config> = {}, opts: { dataDir?: string; clockStart?: number } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'kf-server-test-'));
  // Start a second into a TOTP step so codes for "now" stay current however slow the test runs.
  const clock = {
    now: opts.clockStart ?? Math.floor(Date.now() / testPeriodMs) * testPeriodMs + 1000,
    advance(ms: number) { clock.now += ms; },
  };
  const logs: string[] = [];
  const config: Config = {
    port: 0, dataDir, appName: 'Keyfob Demo', adminEmails: ['admin@example.test'], secretKey: null,
    recoveryCodes: 'replace', lab: false, secureCookies: false, scrypt: { N: 1024, r: 8, p: 1 },
    clientRateLimit: 10_000, publicUrl: null, logRequests: true, now: () => clock.now, ...overrides,
  };
  const demo = await createApp(config, { log: { info: (l) => logs.push(l), alert: (l) => logs.push(`ALERT ${l}`) } });
  const server: Server = await new Promise((resolve) => {
    const s = demo.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // Mailed links and the Host check name the address the tests request, unless a test set its own PUBLIC_URL.
  if (config.publicUrl === null) demo.setPublicUrl(url);
  return {
    url, demo, config, dataDir, mailDir: mailDirOf(config), logs, clock,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      demo.close();
      if (!opts.dataDir) {
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(defaultKeyDir(dataDir), { recursive: true, force: true });
        rmSync(mailDirOf(config), { recursive: true, force: true });
      }
    },
  };
}

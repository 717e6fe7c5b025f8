// Types for ensure-webdav.mjs, so TypeScript callers (tests, bench) get checked signatures.
export interface WebdavServerInstall {
  /** The httpd binary (Debian: /usr/sbin/apache2). */
  binary: string;
  /** The directory holding mod_dav.so and the other modules the test server loads. */
  modules: string;
}
export function findWebdavServer(env?: NodeJS.ProcessEnv): WebdavServerInstall | null;
export function ensureWebdavServer(opts?: { install?: boolean; log?: (msg: string) => void }): WebdavServerInstall | null;

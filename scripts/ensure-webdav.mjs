#!/usr/bin/env node
// Finds Apache httpd with mod_dav (the WebDAV server the sync tests start, Debian package `apache2`); on Debian as
// root installs the package when it is missing; elsewhere says what to install.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findOrInstall, runAsScript } from './find-or-install.mjs';

// Debian puts the binary in /usr/sbin and the modules in /usr/lib/apache2/modules; other layouts are common names.
const LAYOUTS = [
  { binary: '/usr/sbin/apache2', modules: '/usr/lib/apache2/modules' },
  { binary: '/usr/sbin/httpd', modules: '/usr/lib64/httpd/modules' },
  { binary: '/usr/sbin/httpd', modules: '/usr/lib/httpd/modules' },
  { binary: '/usr/local/apache2/bin/httpd', modules: '/usr/local/apache2/modules' },
];

/** Every module the test server loads must exist in the modules dir, or the layout is not usable. */
const NEEDED_MODULES = ['mod_mpm_event.so', 'mod_dav.so', 'mod_dav_fs.so', 'mod_authn_core.so', 'mod_authz_core.so', 'mod_auth_basic.so', 'mod_authn_file.so', 'mod_authz_user.so'];

function usable({ binary, modules }) {
  return existsSync(binary) && NEEDED_MODULES.every((m) => existsSync(join(modules, m)));
}

/** APACHE_BIN + APACHE_MODULES win when both are set and usable. */
export function findWebdavServer(env = process.env) {
  if (env.APACHE_BIN && env.APACHE_MODULES) {
    const own = { binary: env.APACHE_BIN, modules: env.APACHE_MODULES };
    if (usable(own)) return own;
  }
  return LAYOUTS.find(usable) ?? null;
}

export function ensureWebdavServer({ install = true, log = console.error } = {}) {
  return findOrInstall({
    find: findWebdavServer,
    packages: ['apache2'],
    missing: 'No Apache httpd with mod_dav found. Install it (Debian/Ubuntu: `sudo apt-get install apache2`) or set APACHE_BIN and APACHE_MODULES.',
    install,
    log,
  });
}

runAsScript(import.meta.url, ensureWebdavServer, (found) => `${found.binary} (modules in ${found.modules})`);

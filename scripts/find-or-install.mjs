// The shared tail of the ensure-*.mjs scripts: find a tool, on Debian as root install its package when it is missing,
// otherwise say what to install; run as a script, print where it is or exit 1.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

function isDebianRoot() {
  return existsSync('/etc/debian_version') && typeof process.getuid === 'function' && process.getuid() === 0;
}

/** Installs Debian packages when this is Debian and we are root; returns false otherwise. */
export function aptInstall(packages, log = console.error) {
  if (!isDebianRoot()) return false;
  log(`Installing ${packages.join(', ')} with apt-get (Debian, root)…`);
  const opts = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  execFileSync('apt-get', ['update', '-qq'], opts);
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], opts);
  return true;
}

/**
 * `find()` again after installing `packages` (when `install` and apt can); `missing` is logged when still not found.
 * Returns what `find` returned, or null.
 */
export function findOrInstall({ find, packages, missing, install = true, log = console.error }) {
  let found = find();
  if (found) return found;
  if (install && aptInstall(packages, log)) found = find();
  if (!found) log(missing);
  return found;
}

/** When the module at `metaUrl` is the script being run: prints `describe(ensure())`, or exits 1 when nothing was found. */
export function runAsScript(metaUrl, ensure, describe = String) {
  if (process.argv[1] !== fileURLToPath(metaUrl)) return;
  const found = ensure();
  if (!found) process.exit(1);
  console.log(describe(found));
}

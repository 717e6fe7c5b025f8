// The unit and server tests of `npm run test:fast`: those of vitest.unit.config.ts that need no browser and no Apache.
import { configDefaults, defineConfig, mergeConfig } from 'vitest/config';
import unit from './vitest.unit.config.ts';

/** Files of the unit config that start something heavy; `npm test` still runs them. */
export const NEEDS_MORE_THAN_NODE: readonly string[] = [
  'test/server/webdav-backend.test.ts', // a real Apache mod_dav server (test/support/webdav-server.ts)
];

export default mergeConfig(unit, defineConfig({
  test: { exclude: [...configDefaults.exclude, ...NEEDS_MORE_THAN_NODE] },
}));

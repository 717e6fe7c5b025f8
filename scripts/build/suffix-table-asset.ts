// Writes the generated Public Suffix List table to the build as its own file, which the worker fetches on first need
// (extension/background/public-suffixes.ts) instead of carrying it: it is about 30 KiB of the worker's gzip size.
import type { Plugin } from 'vite';
import { SUFFIX_TABLE_ASSET } from '../../extension/background/public-suffixes.ts';
import { SUFFIX_EXCEPTIONS, SUFFIX_RULES } from '../../src/shared/generated/public-suffixes.ts';
import type { SuffixTableText } from '../../src/shared/registrable-domain.ts';

/** Emits `public-suffixes.json` at the build's root: the same text the tests check against tldts, as JSON. */
export function suffixTableAsset(): Plugin {
  return {
    name: 'keyfob:suffix-table-asset',
    apply: 'build',
    generateBundle() {
      const table: SuffixTableText = { rules: SUFFIX_RULES, exceptions: SUFFIX_EXCEPTIONS };
      this.emitFile({ type: 'asset', fileName: SUFFIX_TABLE_ASSET, source: JSON.stringify(table) });
    },
  };
}

// The Public Suffix List for the worker: a file of the package, fetched on the first need and kept while the worker lives.
// It is half the size of everything else the worker loads, and only the chooser's "same site" offers need it.
import { parseSuffixTable, type SuffixTable, type SuffixTableText } from '../../src/shared/index.ts';

/** Where the build writes the table (scripts/build/suffix-table-asset.ts), relative to the extension's root. */
export const SUFFIX_TABLE_ASSET = 'public-suffixes.json';

let loading: Promise<SuffixTable> | undefined;

function asTableText(raw: unknown): SuffixTableText {
  const obj = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const { rules, exceptions } = obj;
  if (typeof rules !== 'string' || typeof exceptions !== 'string') throw new Error(`${SUFFIX_TABLE_ASSET} is not a suffix table`);
  return { rules, exceptions };
}

async function fetchSuffixTable(): Promise<SuffixTable> {
  const response = await fetch(chrome.runtime.getURL(SUFFIX_TABLE_ASSET));
  if (!response.ok) throw new Error(`${SUFFIX_TABLE_ASSET}: HTTP ${response.status}`);
  return parseSuffixTable(asTableText(await response.json()));
}

/** The parsed list; concurrent first calls share one fetch, and a failed one is retried by the next call. */
export function suffixTable(): Promise<SuffixTable> {
  loading ??= fetchSuffixTable().catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

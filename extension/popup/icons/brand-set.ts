// Loads the bundled brand icons once, after the popup's first paint: a dynamic import() of the build's generated
// module (scripts/build/brand-icons.ts) and the matching code, so they are a chunk of their own and the first
// screen's scripts do not grow.
import { useEffect, useState } from 'preact/hooks';
import type { BrandSet } from './brand-match.ts';

let loading: Promise<BrandSet | null> | null = null;
let loaded: BrandSet | null = null;

/** The brand set; a failed load (a damaged install) leaves every account on its letter avatar. */
export function loadBrandSet(): Promise<BrandSet | null> {
  loading ??= import('./brand-data.ts')
    .then(({ brandSet }) => (loaded = brandSet))
    .catch(() => null);
  return loading;
}

/** The brand set once loaded, null before: the first render shows letters, and the rows take their icons when it comes. */
export function useBrandSet(): BrandSet | null {
  const [set, setSet] = useState<BrandSet | null>(loaded);
  useEffect(() => {
    if (set) return;
    let live = true;
    // Effects run after the browser has painted, so the import never delays the first codes.
    void loadBrandSet().then((s) => { if (live) setSet(s); });
    return () => { live = false; };
  }, [set]);
  return set;
}

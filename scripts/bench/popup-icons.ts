// Bench (issue 24): popup time-to-first-code with 1,000 accounts carrying icons and groups (a captured site icon on a
// third, a chosen brand on a third, issuers that match a brand on the rest; one or two groups each) against the same
// 1,000 accounts with neither, in two browsers opened in turn in the same run, so the ratio holds on a busy machine.
// Goal: within 1.1×. Standalone: `npx tsx scripts/bench/popup-icons.ts [--quick]`.
import { randomBytes } from 'node:crypto';
import { PNG } from 'pngjs';
import { base32Encode, type AccountIcon, type OtpAccount } from '../../src/shared/index.ts';
import { brandIconsData } from '../build/brand-icons.ts';
import { ensureBuild } from './extension-build.ts';
import { call, codeWatchingPage, timeToFirstCode } from './popup-timing.ts';
import { runIfMain } from './standalone.ts';
import { median, type BenchOptions, type BenchRow } from './types.ts';

const ACCOUNTS = 1000;
const GOAL_RATIO = 1.1;
const GROUPS = ['Work', 'Personal', 'Banking', 'Shopping', 'Games', 'Social', 'Cloud', 'Family'];

/** A 32×32 favicon-like PNG (a few flat shapes, anti-aliasing noise at their edges): 1–2 KiB, as captured icons are. */
function siteIcon(seed: number): string {
  const size = 32;
  const png = new PNG({ width: size, height: size });
  const [r, g, b] = [seed * 37 % 256, seed * 91 % 256, seed * 53 % 256];
  const noise = randomBytes(png.data.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - 15.5, y - 15.5);
      const at = (y * size + x) * 4;
      const edge = Math.abs(d - 14) < 1 || Math.abs(d - 7) < 1;
      const inside = d < 14 && !(d < 7 && (x + seed) % 3 === 0);
      png.data.set(inside ? [r, g, b, edge ? 128 + (noise[at]! >> 1) : 255] : [0, 0, 0, 0], at);
    }
  }
  const bytes = PNG.sync.write(png, { deflateLevel: 9 });
  return `data:image/png;base64,${bytes.toString('base64')}`;
}

interface Draft { account: OtpAccount; groups?: string[]; icon?: AccountIcon }

/** The same issuers and names for both vaults; `decorated` adds the icons and groups. */
function drafts(decorated: boolean): Draft[] {
  const brands = brandIconsData();
  return Array.from({ length: ACCOUNTS }, (_, i) => {
    const [slug, title] = brands[i % brands.length]!;
    const account: OtpAccount = { type: 'totp', issuer: `${title} ${i}`, account: `user${i}@example.com`, secret: base32Encode(randomBytes(20)),
      algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
    if (!decorated) return { account };
    const groups = i % 4 === 0 ? [GROUPS[i % 8]!, GROUPS[(i + 3) % 8]!] : [GROUPS[i % 8]!];
    // Site icons, chosen brands, and issuers named exactly as a brand (matched automatically), a third each.
    if (i % 3 === 0) return { account, groups, icon: { kind: 'site', data: siteIcon(i) } };
    if (i % 3 === 1) return { account, groups, icon: { kind: 'brand', slug } };
    return { account: { ...account, issuer: title }, groups };
  });
}

export async function benchIconsAgainstPlain(opts: BenchOptions): Promise<BenchRow[]> {
  const cleanup = ensureBuild('popup-icons');
  const { launchWithExtension } = await import('../../test/e2e/harness.ts');
  const browsers = [await launchWithExtension(), await launchWithExtension()];
  try {
    const [plain, decorated] = await Promise.all(browsers.map(async (h, i) => {
      const setup = await h.openPopupTab();
      await call(setup, 'createVault', { password: 'bench master password 1' });
      const list = drafts(i === 1);
      for (let at = 0; at < list.length; at += 250) await call(setup, 'addAccounts', { drafts: list.slice(at, at + 250) });
      const url = setup.url();
      await setup.close();
      const page = await codeWatchingPage(h.browser);
      await timeToFirstCode(page, url); // warm the cache and the worker
      return { page, url };
    }));
    const runs = opts.quick ? 5 : 15;
    const samples = { plain: [] as number[], decorated: [] as number[] };
    // In turn, so both see the same load on the machine.
    for (let i = 0; i < runs; i += 1) {
      samples.plain.push((await timeToFirstCode(plain!.page, plain!.url)).ms);
      samples.decorated.push((await timeToFirstCode(decorated!.page, decorated!.url)).ms);
    }
    const base = median(samples.plain);
    const value = median(samples.decorated);
    const ratio = value / base;
    return [{
      name: `popup time-to-first-code, ${ACCOUNTS} accounts with icons and groups`,
      value,
      unit: 'ms',
      baseline: base,
      baselineName: 'same accounts without',
      note: `goal ≤ ${GOAL_RATIO}×: ${ratio <= GOAL_RATIO ? 'met' : 'not met'} (${ratio.toFixed(2)}×); median of ${runs} opens each, `
        + 'in turn; a third with a 32×32 site icon, a third a chosen brand, a third matched by issuer; 1–2 groups each',
    }];
  } finally {
    await Promise.all(browsers.map((h) => h.close()));
    cleanup();
  }
}

runIfMain(import.meta.url, benchIconsAgainstPlain);

// Makes the popup's bundled brand icons (issue 24) a virtual module: only the services curated in
// extension/popup/icons/brand-services.json, each with its simple-icons title, colour and SVG path. The popup imports
// it with a dynamic import(), so it is one chunk of its own, loaded after the first paint, and no icon is fetched.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as simpleIcons from 'simple-icons';
import type { Plugin } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BRAND_SERVICES_FILE = join(ROOT, 'extension/popup/icons/brand-services.json');
export const BRAND_ICONS_MODULE = 'virtual:keyfob-brand-icons';
const RESOLVED = `\0${BRAND_ICONS_MODULE}`;

interface CuratedService { slug: string; aliases: string[] }
interface SimpleIcon { slug: string; title: string; hex: string; path: string }

/** The module's data: [slug, title, hex colour, SVG path (24×24 box), aliases] per service, in the curated order. */
export function brandIconsData(file = BRAND_SERVICES_FILE): [string, string, string, string, string[]][] {
  const { services } = JSON.parse(readFileSync(file, 'utf8')) as { services: CuratedService[] };
  const bySlug = new Map<string, SimpleIcon>();
  for (const icon of Object.values(simpleIcons) as unknown[]) {
    const i = icon as Partial<SimpleIcon>;
    if (typeof i.slug === 'string' && typeof i.path === 'string') bySlug.set(i.slug, i as SimpleIcon);
  }
  const seen = new Set<string>();
  return services.map(({ slug, aliases }) => {
    const icon = bySlug.get(slug);
    if (!icon) throw new Error(`brand-services.json names "${slug}", which simple-icons does not have`);
    if (seen.has(slug)) throw new Error(`brand-services.json names "${slug}" twice`);
    if (!/^[0-9A-F]{6}$/i.test(icon.hex) || /[^MmLlHhVvCcSsQqTtAaZz0-9.,\s-]/.test(icon.path)) throw new Error(`simple-icons' "${slug}" is not a plain path`);
    seen.add(slug);
    return [slug, icon.title, icon.hex.toLowerCase(), icon.path, aliases];
  });
}

export function brandIcons(): Plugin {
  return {
    name: 'keyfob:brand-icons',
    resolveId: (id) => (id === BRAND_ICONS_MODULE ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      this.addWatchFile(BRAND_SERVICES_FILE);
      return `export const BRANDS = ${JSON.stringify(brandIconsData())};\n`;
    },
  };
}

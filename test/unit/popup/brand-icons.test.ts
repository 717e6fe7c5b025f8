// The bundled brand icons: the curated list builds, issuers find their brand by name or alias, and marks stay visible.
import { describe, expect, it } from 'vitest';
import { brandIconsData } from '../../../scripts/build/brand-icons.ts';
import { brandInk, INK_DARK, INK_LIGHT } from '../../../extension/popup/icons/brand-ink.ts';
import { foldName, makeBrandSet, matchBrand } from '../../../extension/popup/icons/brand-match.ts';
import { findBrands } from '../../../extension/popup/icons/BrandPicker.tsx';
import { shownIcon } from '../../../extension/popup/icons/icon-choice.ts';
import { withSiteKept } from '../../../extension/popup/icons/IconSection.tsx';
import { pngDataUrl } from '../shared/icon-fixtures.ts';

const rows = brandIconsData();
const set = makeBrandSet(rows);
const slugOf = (issuer: string) => matchBrand(set, issuer)?.slug ?? null;

describe('the curated brand list', () => {
  it('holds a few hundred services, each a plain 24×24 path with a colour', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(rows.length).toBeLessThanOrEqual(400);
    for (const [slug, title, hex, path] of rows) {
      expect(slug).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
      expect(title.length).toBeGreaterThan(0);
      expect(hex).toMatch(/^[0-9a-f]{6}$/);
      expect(path).toMatch(/^[Mm][MmLlHhVvCcSsQqTtAaZz0-9.,\s-]+$/);
    }
  });
});

describe('matchBrand', () => {
  it('finds a brand whatever the case, spaces, accents or punctuation of the issuer', () => {
    expect(slugOf('GitHub')).toBe('github');
    expect(slugOf('github')).toBe('github');
    expect(slugOf('  Proton-Mail ')).toBe('protonmail');
    expect(slugOf('Bitwärden')).toBe('bitwarden');
  });

  it('knows the aliases issuers go by', () => {
    expect(slugOf('Gmail')).toBe('gmail');
    expect(slugOf('Google Mail')).toBe('gmail');
    expect(slugOf('Twitter')).toBe('x');
    expect(slugOf('Blizzard')).toBe('battledotnet');
    expect(slugOf('Amex')).toBe('americanexpress');
  });

  it('reads a domain by its name and drops words like Inc. or Account', () => {
    expect(slugOf('github.com')).toBe('github');
    expect(slugOf('accounts.google.com')).toBe('google');
    expect(slugOf('Dropbox, Inc.')).toBe('dropbox');
    expect(slugOf('Discord Account')).toBe('discord');
  });

  it('guesses nothing from part of a name: an unknown service, or one simple-icons lacks, keeps its letter', () => {
    expect(slugOf('Acme Widgets')).toBeNull();
    expect(slugOf('Boxwood Bank')).toBeNull();
    expect(slugOf('Microsoft')).toBeNull();
    expect(slugOf('')).toBeNull();
  });

  it('folds names to letters and digits only', () => {
    expect(foldName('Ko-fi')).toBe('kofi');
    expect(foldName('Crédit Agricole')).toBe('creditagricole');
  });
});

describe('shownIcon', () => {
  const site = { kind: 'site' as const, data: pngDataUrl(32, 32) };

  it('puts the site icon first, then the chosen brand, then a matched brand, then the letter', () => {
    expect(shownIcon({ issuer: 'GitHub', account: 'a', icon: site }, set)).toEqual(site);
    expect(shownIcon({ issuer: 'GitHub', account: 'a', icon: { kind: 'brand', slug: 'gitlab' } }, set)).toMatchObject({ kind: 'brand', brand: { slug: 'gitlab' } });
    expect(shownIcon({ issuer: 'GitHub', account: 'a' }, set)).toMatchObject({ kind: 'brand', brand: { slug: 'github' } });
    expect(shownIcon({ issuer: 'Acme', account: 'a' }, set)).toMatchObject({ kind: 'letter', avatar: { letter: 'A' } });
  });

  it('shows the letter for a cleared icon even when a brand would match, and until the brands have loaded', () => {
    expect(shownIcon({ issuer: 'GitHub', account: 'a', icon: { kind: 'none', site: site.data } }, set)).toMatchObject({ kind: 'letter' });
    expect(shownIcon({ issuer: 'GitHub', account: 'a' }, null)).toMatchObject({ kind: 'letter', avatar: { letter: 'G' } });
    expect(shownIcon({ issuer: 'GitHub', account: 'a', icon: { kind: 'brand', slug: 'no-such-brand' } }, set)).toMatchObject({ kind: 'letter' });
  });

  it('keeps a captured favicon aside when a brand or the letter is chosen, so it can be taken back', () => {
    expect(withSiteKept({ kind: 'brand', slug: 'github' }, site)).toEqual({ kind: 'brand', slug: 'github', site: site.data });
    expect(withSiteKept({ kind: 'none' }, { kind: 'brand', slug: 'github', site: site.data })).toEqual({ kind: 'none', site: site.data });
    expect(withSiteKept({ kind: 'none' }, undefined)).toEqual({ kind: 'none' });
  });
});

describe('the brand picker and marks', () => {
  it('lists brands starting with the query first, then those containing it', () => {
    const found = findBrands(set, 'git').map((b) => b.slug);
    expect(found.slice(0, 4)).toEqual(['gitbook', 'gitea', 'github', 'gitlab']);
    expect(found.indexOf('digitalocean')).toBeGreaterThan(found.indexOf('gitlab'));
    expect(findBrands(set, 'zzzz-nothing')).toEqual([]);
    expect(findBrands(set, '').length).toBe(rows.length);
  });

  it('draws a light brand\'s mark dark and a dark brand\'s mark white', () => {
    expect(brandInk('#fffc00')).toBe(INK_DARK);
    expect(brandInk('#181717')).toBe(INK_LIGHT);
  });
});

// A small searchable list of the bundled brand icons: type part of a name, pick one. Loads the brand set on open.
import { useMemo, useState } from 'preact/hooks';
import { t } from '../../i18n.ts';
import { AccountIcon } from './AccountIcon.tsx';
import { foldName, type Brand, type BrandSet } from './brand-match.ts';
import { useBrandSet } from './brand-set.ts';

/** Rows listed at most: enough to see what is there, few enough to tab through. */
export const PICKER_ROWS = 24;

/** Brands whose title or slug contains the folded query, those starting with it first, each part by title. */
export function findBrands(set: BrandSet, query: string): Brand[] {
  const q = foldName(query);
  const byTitle = [...set.brands].sort((a, b) => a.title.localeCompare(b.title));
  if (!q) return byTitle;
  const hits = byTitle.filter((b) => foldName(b.title).includes(q) || b.slug.includes(q));
  const starts = (b: Brand) => foldName(b.title).startsWith(q) || b.slug.startsWith(q);
  return [...hits.filter(starts), ...hits.filter((b) => !starts(b))];
}

export function BrandPicker({ onPick }: { onPick: (brand: Brand) => void }) {
  const set = useBrandSet();
  const [query, setQuery] = useState('');
  const found = useMemo(() => (set ? findBrands(set, query) : []), [set, query]);
  const shown = found.slice(0, PICKER_ROWS);
  return (
    <div class="stack" data-testid="brand-picker" aria-busy={set ? 'false' : 'true'}>
      <label>{t('searchBrandIcons')}
        <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} autoFocus spellcheck={false} />
      </label>
      {set && found.length === 0 && <p class="hint">{t('brandIconsNone', query.trim())}</p>}
      <ul class="plain">
        {shown.map((b) => (
          <li key={b.slug}>
            <button type="button" onClick={() => onPick(b)} data-brand={b.slug}
              style={{ display: 'flex', alignItems: 'center', gap: '8px', width: '100%', textAlign: 'start' }}>
              <AccountIcon account={{ issuer: b.title, account: '', icon: { kind: 'brand', slug: b.slug } }} />
              {b.title}
            </button>
          </li>
        ))}
      </ul>
      {found.length > shown.length && <p class="hint">{t('brandIconsFirst', shown.length, found.length)}</p>}
    </div>
  );
}

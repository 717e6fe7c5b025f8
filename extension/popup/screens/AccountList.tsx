// Unlocked: the searchable account list. Only the rows in view are rendered and only their codes are
// asked for, so the popup stays fast with a thousand accounts. It first paints from the first screen's rows and
// codes (one message), before the rest of the list has arrived. Favourites come first, then the order the user chose
// (list-order.ts, shared with the background's first screen); a group filter narrows the list and search works in it.
// Ordered by hand and unfiltered, rows are dragged by their handle to another place (components/drag-reorder.ts).
import { t } from '../../i18n.ts';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { callBackground, type AccountView, type CodeView } from '../../messages.ts';
import { orderAccounts, placedPositions, type ListOrder, type UseCounts } from '../../list-order.ts';
import { groupCounts, inGroup } from '../components/groups.ts';
import { ListFilters } from '../components/ListFilters.tsx';
import { BulkBar } from '../components/BulkBar.tsx';
import { CodeRow } from '../components/CodeRow.tsx';
import { DragLayer } from '../components/drag-layer.tsx';
import { useDragReorder } from '../components/drag-reorder.ts';
import { matchesWords, queryWords, searchText } from '../search/search-text.ts';
import { errorText } from '../error-text.ts';
import { OVERSCAN, ROW_HEIGHT, VIEW_HEIGHT } from '../list-geometry.ts';
import { takePageCheck, type PageWarning } from '../start/opening.ts';
import { ClockNotice } from '../components/ClockNotice.tsx';
import { BackupReminder } from '../components/BackupReminder.tsx';

/** The page in front imitates `site`: its accounts' codes are hidden while it is (the background's pageWarning). */
interface PageGuard { site: string; hidden: ReadonlySet<string>; acknowledged: boolean }

function guardOf(warning: PageWarning): PageGuard | null {
  return warning?.site ? { site: warning.site, hidden: new Set(warning.hiddenIds), acknowledged: false } : null;
}


export interface AccountListProps {
  /** The whole list, or its first rows while the rest is on its way. */
  accounts: AccountView[];
  /** How many accounts the whole list holds. */
  total: number;
  /** False while the rest of the list is on its way: the list says so (aria-busy) to assistive technology and tests. */
  complete: boolean;
  /** Codes that came with the first screen. */
  codes: CodeView[];
  notice: string;
  onOpen: (id: string) => void;
  onScan: () => void;
  onAdd: () => void;
  onSettings: () => void;
  onLock: () => void;
  onError: (err: unknown) => void;
}

export function AccountList(props: AccountListProps) {
  const { accounts, total } = props;
  const [query, setQuery] = useState('');
  const [scrollTop, setScrollTop] = useState(0);
  const [codes, setCodes] = useState<ReadonlyMap<string, CodeView>>(() => new Map(props.codes.map((c) => [c.id, c])));
  const [hotp, setHotp] = useState<ReadonlyMap<string, string>>(new Map());
  const [now, setNow] = useState(() => Date.now());
  const [problem, setProblem] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  /** Taken once per showing of the list; usually answered already (asked with the popup's opening). */
  const [pageCheck] = useState(takePageCheck);
  const [guard, setGuard] = useState<PageGuard | null>(() => guardOf(pageCheck.done ? pageCheck.result : null));
  /** Whether the page check has answered: until then no code is drawn (a look-alike's codes would flash). */
  const [pageChecked, setPageChecked] = useState(pageCheck.done);
  /** The chosen order and use counts; null until asked (the first screen already came in that order). */
  const [prefs, setPrefs] = useState<{ order: ListOrder; uses: UseCounts } | null>(null);
  const [group, setGroup] = useState('');
  /** Pins changed here since the list was read: shown at once, while the vault saves them. */
  const [pins, setPins] = useState<ReadonlyMap<string, boolean>>(new Map());
  /** Positions changed here by a drag since the list was read: shown at once, while the vault saves them. */
  const [placed, setPlaced] = useState<ReadonlyMap<string, number>>(new Map());
  const [status, setStatus] = useState('');
  /** Select mode's chosen ids; null when not selecting. */
  const [selected, setSelected] = useState<ReadonlySet<string> | null>(null);
  /** Changes made here in Select mode, shown at once (the list from the background is as it was when opened). */
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [regrouped, setRegrouped] = useState<ReadonlyMap<string, string[]>>(new Map());
  /** The last bulk delete, undoable while this popup is open. */
  const [undo, setUndo] = useState<{ token: string; ids: string[] } | null>(null);

  useEffect(() => {
    let cancelled = false;
    callBackground('listPrefs', {}).then((p) => { if (!cancelled) setPrefs(p); }).catch(() => undefined);
    return () => { cancelled = true; };
  }, []);

  useEffect(() => {
    // No code is drawn until the page check has answered (the rows and their names show at once), so a look-alike tab
    // never has the imitated account's code on screen, not even for a moment. Asked with the popup's opening
    // (start/opening.ts), so it is usually in before the list; the background keeps the check warm (look-alike-check.ts).
    // Answered before the first render: the initial state has it. Answered between that render and now: taken here.
    if (pageCheck.done) {
      if (!pageChecked) { setGuard(guardOf(pageCheck.result)); setPageChecked(true); }
      return undefined;
    }
    let cancelled = false;
    void pageCheck.answer.then((r) => {
      if (cancelled) return;
      setGuard(guardOf(r));
      setPageChecked(true);
    });
    return () => { cancelled = true; };
  }, [pageCheck]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);

  const pinned = useMemo(() => {
    if (pins.size === 0 && removed.size === 0 && regrouped.size === 0 && placed.size === 0) return accounts;
    return accounts.filter((a) => !removed.has(a.id)).map((a) => (pins.has(a.id) || regrouped.has(a.id) || placed.has(a.id)
      ? { ...a, favourite: pins.get(a.id) ?? a.favourite, groups: regrouped.get(a.id) ?? a.groups, position: placed.get(a.id) ?? a.position } : a));
  }, [accounts, pins, removed, regrouped, placed]);
  const ordered = useMemo(() => (prefs ? orderAccounts(pinned, prefs.order, prefs.uses) : pinned), [pinned, prefs]);
  const groups = useMemo(() => groupCounts(pinned), [pinned]);
  // A group that is gone (its last account left it elsewhere) is no filter.
  const activeGroup = groups.some((g) => g.name === group) ? group : '';
  // Folded once per list, so each keystroke only compares (a thousand accounts stay instant).
  const haystacks = useMemo(() => new Map(pinned.map((a) => [a.id, searchText(a)])), [pinned]);
  const filtered = useMemo(() => {
    const words = queryWords(query);
    const shown = inGroup(ordered, activeGroup);
    return words.length === 0 ? shown : shown.filter((a) => matchesWords(haystacks.get(a.id) ?? '', words));
  }, [ordered, activeGroup, haystacks, query]);
  // Until the whole list is here, the scroller already has the height of every account.
  const count = query || activeGroup ? filtered.length : Math.max(total - removed.size, filtered.length);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(filtered.length, Math.ceil((scrollTop + VIEW_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const visible = filtered.slice(first, last);
  // Dragging needs the whole list in its stored order: with a filter or a search, places would be ambiguous.
  const reorderable = props.complete && prefs?.order === 'hand' && !query && !activeGroup && selected === null;
  const dropAt = (id: string, from: number, to: number) => {
    const account = filtered[from];
    // Typed into Search or switched the view while carrying: the places no longer mean what they did.
    if (!reorderable || account?.id !== id) { setStatus(t('dragCancelled')); return; }
    const title = account ? account.issuer || account.account : '';
    const before = placed;
    setPlaced(new Map([...placed, ...placedPositions(filtered, from, to)]));
    callBackground('placeAccount', { id, place: to + 1 })
      .then((r) => setStatus(t('placedNotice', title, r.place, r.total)))
      .catch((err: unknown) => { setPlaced(before); setProblem(errorText(err)); });
  };
  const { drag, start: startDrag } = useDragReorder({ scroller, rows: filtered, onDrop: dropAt, onCancel: () => setStatus(t('dragCancelled')) });
  const totpIds = visible.filter((a) => a.type !== 'hotp').map((a) => a.id);
  const stale = totpIds.some((id) => { const c = codes.get(id); return !c || c.validUntil <= now; });
  // Re-asks at most once a second while something in view has no current code.
  const fetchKey = `${totpIds.join(',')}|${stale ? Math.floor(now / 1000) : 'fresh'}`;

  useEffect(() => {
    if (!stale || totpIds.length === 0) return;
    let cancelled = false;
    callBackground('getCodes', { ids: totpIds }).then((r) => {
      if (cancelled) return;
      setCodes((old) => {
        const next = new Map(old);
        for (const c of r.codes) next.set(c.id, c);
        return next;
      });
    }).catch((err: unknown) => { if (!cancelled) props.onError(err); });
    return () => { cancelled = true; };
  }, [fetchKey]);

  const generateHotp = (id: string) => {
    callBackground('nextHotpCode', { id })
      .then((r) => setHotp((old) => new Map(old).set(id, r.code)))
      .catch((err: unknown) => setProblem(errorText(err)));
  };

  const toTop = () => { setScrollTop(0); if (scroller.current) scroller.current.scrollTop = 0; };

  const setFavourite = (id: string, favourite: boolean) => {
    const account = accounts.find((a) => a.id === id);
    const title = account ? account.issuer || account.account : '';
    setPins((old) => new Map(old).set(id, favourite));
    callBackground('updateAccount', { id, patch: { favourite } })
      .then(() => setStatus(favourite ? t('pinnedNotice', title) : t('unpinnedNotice', title)))
      .catch((err: unknown) => {
        setPins((old) => { const next = new Map(old); next.delete(id); return next; });
        setProblem(errorText(err));
      });
  };

  const chooseOrder = (order: ListOrder) => {
    setPrefs((old) => ({ order, uses: old?.uses ?? {} }));
    toTop();
    callBackground('setListOrder', { order }).catch((err: unknown) => setProblem(errorText(err)));
  };

  const select = (id: string, on: boolean) => setSelected((old) => {
    const next = new Set(old);
    if (on) next.add(id); else next.delete(id);
    return next;
  });

  const moveSelected = (group: string) => {
    const ids = [...(selected ?? [])];
    const from = activeGroup || null;
    callBackground('moveToGroup', { ids, group, from }).then((r) => {
      setRegrouped((old) => {
        const next = new Map(old);
        for (const a of pinned) if (ids.includes(a.id)) next.set(a.id, [...a.groups.filter((g) => g !== from && g !== group), group]);
        return next;
      });
      setStatus(t('movedToGroup', group, r.changed));
    }).catch((err: unknown) => setProblem(errorText(err)));
  };

  const deleteSelected = () => {
    const ids = [...(selected ?? [])];
    callBackground('deleteAccounts', { ids }).then((r) => {
      setRemoved((old) => new Set([...old, ...ids]));
      setSelected(new Set());
      setUndo({ token: r.undoToken, ids });
      setStatus(t('deletedSome', r.deleted));
    }).catch((err: unknown) => setProblem(errorText(err)));
  };

  const undoDelete = () => {
    if (!undo) return;
    callBackground('restoreAccounts', { undoToken: undo.token }).then((r) => {
      setRemoved((old) => new Set([...old].filter((id) => !undo.ids.includes(id))));
      setUndo(null);
      setStatus(t('restoredSome', r.restored));
    }).catch((err: unknown) => setProblem(errorText(err)));
  };

  const onSearchKey = (e: KeyboardEvent) => {
    // Enter copies the first match: type a few letters, press Enter, paste.
    if (e.key === 'Enter') {
      e.preventDefault();
      scroller.current?.querySelector<HTMLButtonElement>('button.copy')?.click();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      scroller.current?.querySelector<HTMLButtonElement>('button.copy')?.focus();
    }
  };

  return (
    <main class="list-screen">
      <header class="toolbar">
        <label class="search">
          <span class="visually-hidden">{t('search')}</span>
          <input type="search" placeholder={t('search')} aria-label={t('search')} value={query} autoFocus
            onInput={(e) => { setQuery(e.currentTarget.value); toTop(); }}
            onKeyDown={onSearchKey} />
        </label>
        <nav class="actions" aria-label={t('actions')}>
          <button type="button" onClick={props.onScan}>{t('scanQrCode')}</button>
          <button type="button" onClick={props.onAdd}>{t('addAccount')}</button>
          <button type="button" onClick={props.onSettings}>{t('settings')}</button>
          <button type="button" onClick={props.onLock}>{t('lock')}</button>
        </nav>
        <ListFilters order={prefs?.order ?? 'hand'} onOrder={chooseOrder} groups={groups} total={Math.max(total, accounts.length) - removed.size}
          group={activeGroup} onGroup={(g) => { setGroup(g); toTop(); }}
          selecting={selected !== null} onSelecting={(on) => setSelected(on ? new Set() : null)} />
        {selected && (
          <BulkBar count={selected.size} groups={groups.map((g) => g.name)} onMove={moveSelected} onDelete={deleteSelected}
            onDone={() => setSelected(null)} />
        )}
      </header>
      {guard && (
        <div role="alert" class="warning" data-testid="look-alike-warning">
          <p><strong>{t('lookAlikeWarning', guard.site)}</strong></p>
          {!guard.acknowledged && (
            <>
              <p>{t('lookAlikeExplain')}</p>
              <button type="button" onClick={() => setGuard({ ...guard, acknowledged: true })}>{t('iUnderstand')}</button>
            </>
          )}
        </div>
      )}
      <ClockNotice onChanged={() => setCodes(new Map())} />
      <BackupReminder onBackUp={props.onSettings} />
      {props.notice && <p role="status" class="notice">{props.notice}</p>}
      {status && <p role="status" class="notice">{status}</p>}
      {undo && <p class="notice"><button type="button" class="link" onClick={undoDelete}>{t('undo')}</button></p>}
      {problem && <p role="alert" class="error">{problem}</p>}
      {Math.max(total, accounts.length) === 0 ? (
        <p class="empty">{t('noAccountsYet')}</p>
      ) : filtered.length === 0 ? (
        <p class="empty">{activeGroup ? t('noAccountInGroup', activeGroup) : t('noAccountMatches', query)}</p>
      ) : (
        <div class="scroller" ref={scroller} style={{ height: `${Math.min(VIEW_HEIGHT, count * ROW_HEIGHT)}px` }}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <ul role="list" aria-label={t('accounts')} aria-busy={props.complete ? 'false' : 'true'} class={reorderable ? 'accounts reorderable' : 'accounts'} style={{ height: `${count * ROW_HEIGHT}px` }}>
            {visible.map((a, i) => (
              <CodeRow key={a.id} account={a} code={pageChecked ? codes.get(a.id) : undefined} hotpCode={hotp.get(a.id)} now={now}
                hidden={guard?.hidden.has(a.id) ?? false}
                index={first + i} total={count} top={(first + i) * ROW_HEIGHT}
                onOpen={props.onOpen} onHotp={generateHotp} onFavourite={setFavourite}
                selected={selected ? selected.has(a.id) : undefined} onSelect={select} />
            ))}
          </ul>
          {reorderable && (
            <DragLayer rows={visible.map((account, i) => ({ account, place: first + i }))} drag={drag}
              carried={drag ? filtered[drag.from] : undefined} onStart={startDrag} />
          )}
        </div>
      )}
    </main>
  );
}

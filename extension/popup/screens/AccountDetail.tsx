// One account: rename, issuer, bound origins, notes (e.g. recovery codes), groups, its icon, pin to the top, move up or down by
// hand, delete with confirmation. A new bound origin is saved only after the master password, with a warning that names
// both sites when it is of another site.
import { t } from '../../i18n.ts';
import { useState } from 'preact/hooks';
import { callBackground, type AccountPatch, type AccountView, type NewBinding } from '../../messages.ts';
import { ScreenHeader } from '../components/ScreenHeader.tsx';
import { LazyIconSection } from '../icons/LazyIconSection.tsx';
import { groupsText, parseGroupsInput } from '../components/groups.ts';
import { errorText } from '../error-text.ts';
import { normaliseOriginInput } from '../../../src/shared/origin.ts';
import { richText } from '../rich-text.tsx';

export interface AccountDetailProps {
  account: AccountView;
  onBack: () => void;
  onChanged: (notice: string) => void;
}

export function AccountDetail({ account, onBack, onChanged }: AccountDetailProps) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [name, setName] = useState(account.account);
  const [origins, setOrigins] = useState(account.origins.join('\n'));
  const [notes, setNotes] = useState(account.notes);
  const [groups, setGroups] = useState(groupsText(account.groups));
  const [favourite, setFavourite] = useState(account.favourite);
  /** What the last move said ("Place 3 of 12"), read out by the status region. */
  const [place, setPlace] = useState('');
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);
  /** The save waiting for the master password because it binds new origins. */
  const [binding, setBinding] = useState<{ patch: AccountPatch; added: NewBinding[] } | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const title = account.issuer || account.account;

  const write = async (patch: AccountPatch, masterPassword?: string) => {
    setBusy(true);
    try {
      await callBackground('updateAccount', { id: account.id, patch, ...(masterPassword === undefined ? {} : { masterPassword }) });
      onChanged(t('changesSaved'));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
      setPassword('');
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    setError('');
    const lines = origins.split(/[\n,\s]+/).map((s) => s.trim()).filter(Boolean);
    const normalised: string[] = [];
    for (const line of lines) {
      const origin = normaliseOriginInput(line);
      if (!origin) { setError(t('notWebAddress', line)); return; }
      if (!normalised.includes(origin)) normalised.push(origin);
    }
    const parsed = parseGroupsInput(groups);
    if (!parsed.ok) {
      setError(parsed.error === 'too_many' ? t('tooManyGroups', parsed.max) : t('groupTooLong', parsed.name, parsed.max));
      return;
    }
    const patch: AccountPatch = { issuer: issuer.trim(), account: name.trim(), origins: normalised, notes, groups: parsed.groups };
    try {
      const { added } = await callBackground('describeNewBindings', { id: account.id, origins: normalised });
      if (added.length > 0) { setBinding({ patch, added }); return; }
    } catch (err) {
      setError(errorText(err));
      return;
    }
    await write(patch);
  };

  if (binding) {
    return (
      <main>
        <ScreenHeader title={t('confirmNewSites')} onBack={() => setBinding(null)} />
        <form class="stack" onSubmit={(e) => { e.preventDefault(); void write(binding.patch, password); }}>
          <ul class="plain" data-testid="new-bindings">
            {binding.added.map((b) => (
              <li key={b.origin}>
                <p><strong>{t('newSiteLine', b.origin)}</strong></p>
                {b.lookAlike !== null && <p role="alert" class="warning" data-testid="look-alike-warning">{t('lookAlikeWarning', b.lookAlike)}</p>}
                {b.otherSite && b.boundHost !== null && (
                  <p class="warning" data-testid="other-site-warning">{richText('otherSiteWarning', <strong>{b.origin}</strong>, <strong>{b.boundHost}</strong>)}</p>
                )}
              </li>
            ))}
          </ul>
          <p>{t('linkNeedsPassword')}</p>
          <label>{t('masterPassword')}
            <input type="password" autoComplete="current-password" required autoFocus value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          </label>
          {error && <p role="alert" class="error">{error}</p>}
          <div class="row-buttons">
            <button type="submit" class="primary" disabled={busy || password === ''}>{t('bindAndSave')}</button>
            <button type="button" disabled={busy} onClick={() => { setBinding(null); setError(''); }}>{t('cancel')}</button>
          </div>
        </form>
      </main>
    );
  }

  const togglePin = async () => {
    setError('');
    try {
      const { account: saved } = await callBackground('updateAccount', { id: account.id, patch: { favourite: !favourite } });
      setFavourite(saved.favourite);
      setPlace(saved.favourite ? t('pinnedNotice', title) : t('unpinnedNotice', title));
    } catch (err) {
      setError(errorText(err));
    }
  };

  const move = async (direction: 'up' | 'down') => {
    setError('');
    try {
      const r = await callBackground('moveAccount', { id: account.id, direction });
      setPlace(t('placeOf', r.place, r.total));
    } catch (err) {
      setError(errorText(err));
    }
  };

  const remove = async () => {
    try {
      await callBackground('deleteAccount', { id: account.id });
      onChanged(t('deletedAccount', title));
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <main>
      <ScreenHeader title={title} onBack={onBack} />
      <form onSubmit={save} class="stack">
        <label>{t('issuer')}<input type="text" value={issuer} onInput={(e) => setIssuer(e.currentTarget.value)} autoFocus /></label>
        <label>{t('accountName')}<input type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
        <label>{t('boundOrigins')}
          <textarea rows={3} value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} spellcheck={false} />
        </label>
        <p class="hint">{t('boundOriginsHint')}</p>
        <label>{t('notes')}
          <textarea rows={3} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
        </label>
        <label>{t('groups')}
          <textarea rows={2} value={groups} onInput={(e) => setGroups(e.currentTarget.value)} aria-describedby="groups-hint" />
        </label>
        <p class="hint" id="groups-hint">{t('groupsHint')}</p>
        <p class="hint">
          {account.type.toUpperCase()} · {account.algorithm} · {t('digits', account.digits)}
          {' · '}{account.type === 'totp' ? t('periodSeconds', account.period) : t('counterValue', account.counter)}
          {account.recoveryCodes.total > 0 && ` · ${t('recoveryUnused', account.recoveryCodes.unused, account.recoveryCodes.total)}`}
        </p>
        {error && <p role="alert" class="error">{error}</p>}
        <button type="submit" class="primary">{t('saveChanges')}</button>
      </form>
      <LazyIconSection account={account} />
      <section class="stack" aria-labelledby="place-heading">
        <h2 id="place-heading" class="hint">{t('placeInList')}</h2>
        <div class="move-buttons">
          <button type="button" class={favourite ? 'star pinned' : 'star'} onClick={togglePin}>
            <span aria-hidden="true">{favourite ? '★ ' : '☆ '}</span>{favourite ? t('unpin') : t('pinToTop')}
          </button>
          <button type="button" onClick={() => void move('up')}>{t('moveUp')}</button>
          <button type="button" onClick={() => void move('down')}>{t('moveDown')}</button>
        </div>
        <p role="status" class="hint" data-testid="place">{place}</p>
      </section>
      <section class="danger stack">
        {confirming ? (
          <div role="alertdialog" aria-labelledby="confirm-delete" class="stack">
            <p id="confirm-delete">{t('deleteConfirm', title)}</p>
            <div class="row-buttons">
              <button type="button" class="destructive" onClick={remove} autoFocus>{t('deleteForGood')}</button>
              <button type="button" onClick={() => setConfirming(false)}>{t('cancel')}</button>
            </div>
          </div>
        ) : (
          <button type="button" class="destructive" onClick={() => setConfirming(true)}>{t('deleteAccount')}</button>
        )}
      </section>
    </main>
  );
}

// Select mode's bar above the list: how many accounts are selected, move them to a group (a name typed or picked from
// the existing ones), and delete them after a confirmation. Undo of a delete is offered by the list until it closes.
import { t } from '../../i18n.ts';
import { useState } from 'preact/hooks';
import { parseGroupsInput } from './groups.ts';

export interface BulkBarProps {
  count: number;
  /** Existing group names, offered as suggestions. */
  groups: readonly string[];
  onMove: (group: string) => void;
  onDelete: () => void;
  onDone: () => void;
}

export function BulkBar({ count, groups, onMove, onDelete, onDone }: BulkBarProps) {
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState(false);

  const move = (e: Event) => {
    e.preventDefault();
    // One name: a comma is part of it here, so only its length is checked (the vault's bound).
    const parsed = parseGroupsInput(name.replace(/,/g, ' '));
    if (!parsed.ok) { setError(parsed.error === 'too_long' ? t('groupTooLong', parsed.name, parsed.max) : t('tooManyGroups', parsed.max)); return; }
    const group = parsed.groups[0];
    if (!group) return;
    setError('');
    onMove(group);
  };

  return (
    <section class="bulk stack" aria-label={t('selectedCount', count)}>
      <p role="status" class="hint">{t('selectedCount', count)}</p>
      <form class="bulk-row" onSubmit={move}>
        <label class="filter">
          <span>{t('groupName')}</span>
          <input type="text" list="bulk-groups" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <datalist id="bulk-groups">{groups.map((g) => <option key={g} value={g} />)}</datalist>
        <button type="submit" disabled={count === 0 || name.trim() === ''}>{t('moveToGroup')}</button>
      </form>
      {error && <p role="alert" class="error">{error}</p>}
      {confirming ? (
        <div role="alertdialog" aria-labelledby="confirm-bulk-delete" class="stack">
          <p id="confirm-bulk-delete">{t('deleteSelectedConfirm', count)}</p>
          <div class="row-buttons">
            <button type="button" class="destructive" autoFocus onClick={() => { setConfirming(false); onDelete(); }}>{t('deleteForGood')}</button>
            <button type="button" onClick={() => setConfirming(false)}>{t('cancel')}</button>
          </div>
        </div>
      ) : (
        <div class="row-buttons">
          <button type="button" class="destructive" disabled={count === 0} onClick={() => setConfirming(true)}>{t('deleteSelected')}</button>
          <button type="button" onClick={onDone}>{t('doneSelecting')}</button>
        </div>
      )}
    </section>
  );
}

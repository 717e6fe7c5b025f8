// Above the account list: the order (by hand, most used, name), when any account has a group the group filter with
// each group's count, and the switch into Select mode. Native selects: keyboard, screen readers and the browser's own picker come with them.
import { t } from '../../i18n.ts';
import { isListOrder, LIST_ORDERS, type ListOrder } from '../../list-order.ts';
import type { GroupCount } from './groups.ts';

const ORDER_LABEL = { hand: 'orderByHand', used: 'orderMostUsed', name: 'orderByName' } as const;

export interface ListFiltersProps {
  order: ListOrder;
  onOrder: (order: ListOrder) => void;
  groups: readonly GroupCount[];
  /** How many accounts there are in all (the "All" choice's count). */
  total: number;
  /** '' for all. */
  group: string;
  onGroup: (group: string) => void;
  selecting: boolean;
  onSelecting: (on: boolean) => void;
}

export function ListFilters({ order, onOrder, groups, total, group, onGroup, selecting, onSelecting }: ListFiltersProps) {
  return (
    <div class="filters">
      {groups.length > 0 && (
        <label class="filter">
          <span>{t('groupFilter')}</span>
          <select value={group} onChange={(e) => onGroup(e.currentTarget.value)}>
            <option value="">{t('allGroups', total)}</option>
            {groups.map((g) => <option key={g.name} value={g.name}>{t('groupOption', g.name, g.count)}</option>)}
          </select>
        </label>
      )}
      <label class="filter">
        <span>{t('listOrder')}</span>
        <select value={order} onChange={(e) => { const v = e.currentTarget.value; if (isListOrder(v)) onOrder(v); }}>
          {LIST_ORDERS.map((o) => <option key={o} value={o}>{t(ORDER_LABEL[o])}</option>)}
        </select>
      </label>
      <button type="button" class="select-mode" aria-pressed={selecting} onClick={() => onSelecting(!selecting)}>{t('selectAccounts')}</button>
    </div>
  );
}

// What the account list draws over its rows for ordering by hand: a drag handle at the start of each row in view and,
// while a row is carried, its dimmed old slot, the line where it would land and the row itself under the pointer.
// Pointer-only and hidden from assistive technology: the keyboard's way is Move up / Move down in the details.
import { t } from '../../i18n.ts';
import type { AccountView } from '../../messages.ts';
import { ROW_HEIGHT } from '../list-geometry.ts';
import { dropLineTop } from './drag-geometry.ts';
import type { DragView } from './drag-reorder.ts';

export interface DragLayerProps {
  /** The rows in view and their places (from 0) in the list. */
  rows: readonly { account: AccountView; place: number }[];
  drag: DragView | null;
  /** The carried account, which may have scrolled out of the rows in view. */
  carried: AccountView | undefined;
  onStart: (e: PointerEvent, place: number) => void;
}

export function DragLayer({ rows, drag, carried, onStart }: DragLayerProps) {
  const hint = t('dragToReorder');
  return (
    <div class={drag ? 'drag-layer dragging' : 'drag-layer'} aria-hidden="true">
      {rows.map(({ account, place }) => (
        <div key={account.id} class="drag-handle" data-testid="drag-handle" title={hint} style={{ top: `${place * ROW_HEIGHT}px` }}
          onPointerDown={(e) => onStart(e, place)}>⋮⋮</div>
      ))}
      {drag && <div class="drag-origin" style={{ top: `${drag.from * ROW_HEIGHT}px` }} />}
      {drag && carried && (
        <div class="drag-ghost" data-testid="drag-ghost" style={{ top: `${drag.top}px` }}>
          <span class="issuer">{carried.issuer || carried.account}</span>
          {carried.issuer && <span class="account">{carried.account}</span>}
        </div>
      )}
      {/* After the carried row, so it is drawn over it: where the row will land matters more than the row. */}
      {drag && drag.to !== drag.from && <div class="drop-line" data-testid="drop-line" style={{ top: `${dropLineTop(drag.from, drag.to)}px` }} />}
    </div>
  );
}

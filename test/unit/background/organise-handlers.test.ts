// The list-organising messages are for Keyfob's own pages only, and refuse malformed requests before touching the vault.
import { describe, expect, it } from 'vitest';
import { organiseHandlers } from '../../../extension/background/handlers/organise.ts';

const refuses = (parse: () => unknown) => expect(parse).toThrow(expect.objectContaining({ code: 'invalid_request' }));

describe('organise handlers', () => {
  it('are open to extension pages only, never to content scripts', () => {
    for (const spec of Object.values(organiseHandlers)) expect(spec.allow).toEqual(['extension-page']);
  });

  it('take one of the three orders and nothing else', () => {
    expect(organiseHandlers.setListOrder.parse({ order: 'used' })).toEqual({ order: 'used' });
    refuses(() => organiseHandlers.setListOrder.parse({ order: 'random' }));
    refuses(() => organiseHandlers.setListOrder.parse({}));
  });

  it('move an account up or down only', () => {
    expect(organiseHandlers.moveAccount.parse({ id: 'a1', direction: 'down' })).toEqual({ id: 'a1', direction: 'down' });
    refuses(() => organiseHandlers.moveAccount.parse({ id: 'a1', direction: 'left' }));
    refuses(() => organiseHandlers.moveAccount.parse({ direction: 'up' }));
  });

  it('put an account at a whole place from 1, and nothing else', () => {
    expect(organiseHandlers.placeAccount.parse({ id: 'a1', place: 2 })).toEqual({ id: 'a1', place: 2 });
    for (const place of [0, -1, 1.5, '2', null, Number.MAX_VALUE]) refuses(() => organiseHandlers.placeAccount.parse({ id: 'a1', place }));
    refuses(() => organiseHandlers.placeAccount.parse({ place: 2 }));
  });

  it('move to one group name within the vault\'s bounds, from a group or from All', () => {
    expect(organiseHandlers.moveToGroup.parse({ ids: ['a', 'b'], group: '  Work ', from: null })).toEqual({ ids: ['a', 'b'], group: 'Work', from: null });
    expect(organiseHandlers.moveToGroup.parse({ ids: ['a'], group: 'Work', from: 'Home' })).toEqual({ ids: ['a'], group: 'Work', from: 'Home' });
    refuses(() => organiseHandlers.moveToGroup.parse({ ids: ['a'], group: '   ', from: null }));
    refuses(() => organiseHandlers.moveToGroup.parse({ ids: ['a'], group: 'x'.repeat(65), from: null }));
    refuses(() => organiseHandlers.moveToGroup.parse({ ids: ['a'], group: ['Work'], from: null }));
    refuses(() => organiseHandlers.moveToGroup.parse({ ids: ['a'], group: 'Work', from: 7 }));
    refuses(() => organiseHandlers.moveToGroup.parse({ ids: [], group: 'Work', from: null }));
  });

  it('delete at least one listed account, and undo only with a short token', () => {
    expect(organiseHandlers.deleteAccounts.parse({ ids: ['a'] })).toEqual({ ids: ['a'] });
    refuses(() => organiseHandlers.deleteAccounts.parse({ ids: [] }));
    refuses(() => organiseHandlers.deleteAccounts.parse({ ids: 'a' }));
    refuses(() => organiseHandlers.restoreAccounts.parse({ undoToken: 'x'.repeat(65) }));
    expect(organiseHandlers.restoreAccounts.parse({ undoToken: 't' })).toEqual({ undoToken: 't' });
  });

  it('count a use of one account id', () => {
    expect(organiseHandlers.countUse.parse({ id: 'a1' })).toEqual({ id: 'a1' });
    refuses(() => organiseHandlers.countUse.parse({ id: 42 }));
  });
});

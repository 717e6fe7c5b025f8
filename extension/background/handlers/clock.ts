// Clock methods: a content script reports the Date its own site answered with (only a site an account is bound to
// counts: another page could lie about the time to skew the codes), and the popup asks what Keyfob measured.
import type { HandlerTable } from '../handler-types.ts';
import { expectObject, HandlerError } from '../handler-types.ts';
import { isBoundOrigin } from '../../../src/shared/index.ts';
import { vault } from '../autofill/vault-port.ts';
import { clockStatus, recordClockSample } from '../clock/clock-state.ts';
import { listAccountViews } from '../vault/list-view.ts';
import { expectEmpty } from './vault-validators.ts';

type ClockMethods = 'clockSample' | 'clockStatus';

function expectTime(obj: Record<string, unknown>, key: string): number {
  const v = obj[key];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 8.64e15) throw new HandlerError('invalid_request', `Field "${key}" must be a time`);
  return v;
}

export const clockHandlers: HandlerTable<ClockMethods> = {
  clockSample: {
    allow: ['content-script'],
    parse: (raw) => {
      const o = expectObject(raw);
      return { sentAt: expectTime(o, 'sentAt'), receivedAt: expectTime(o, 'receivedAt'), serverDate: expectTime(o, 'serverDate') };
    },
    run: async (sample, ctx) => {
      // Only the site's own server, where Keyfob fills a code, and only while the vault says which sites those are.
      if (!ctx.origin || !(await vault.isUnlocked())) return { recorded: false };
      // From the account index: no row is opened for a clock sample.
      const { accounts } = await listAccountViews();
      const bound = accounts.some((a) => isBoundOrigin(a.origins, ctx.origin));
      if (!bound) return { recorded: false };
      await recordClockSample(sample, Date.now());
      return { recorded: true };
    },
  },
  clockStatus: {
    allow: ['extension-page'],
    parse: expectEmpty,
    run: () => clockStatus(),
  },
};

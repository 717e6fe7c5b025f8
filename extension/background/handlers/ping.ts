// The health-check method: proves the worker is alive and tells the caller how it was seen.
import type { HandlerTable } from '../handler-types.ts';
import { expectObject, expectString } from '../handler-types.ts';

export const pingHandlers: HandlerTable<'ping'> = {
  ping: {
    allow: ['extension-page', 'content-script'],
    parse: (raw) => ({ nonce: expectString(expectObject(raw), 'nonce', 128) }),
    run: async (req, ctx) => ({ nonce: req.nonce, from: 'background', senderKind: ctx.kind }),
  },
};

// Autofill methods: content scripts get one code for one field on the origin the browser says they are on, as the
// fill policy allows; extension pages settle the fills that wait for the user's choice in Keyfob's own window. The
// work is in autofill/ (one module per job); this table only says who may call what, and how it is checked.
import type { HandlerTable } from '../handler-types.ts';
import { parseChoosePendingFill, parseCodeForField, parseTabRequest } from '../autofill/autofill-requests.ts';
import { answerField, pageWarningFor } from '../autofill/field-answers.ts';
import { choosePendingFill, dismissPendingChoice, pendingFillView } from '../autofill/pending-choice.ts';

type AutofillMethod = 'codeForField' | 'pendingFill' | 'choosePendingFill' | 'dismissPendingFill' | 'pageWarning';

export const autofillHandlers: HandlerTable<AutofillMethod> = {
  codeForField: {
    allow: ['content-script'],
    parse: parseCodeForField,
    run: answerField,
  },
  pageWarning: {
    allow: ['extension-page'],
    parse: parseTabRequest,
    run: ({ tabId }) => pageWarningFor(tabId),
  },
  pendingFill: {
    allow: ['extension-page'],
    parse: parseTabRequest,
    run: ({ tabId }) => pendingFillView(tabId),
  },
  dismissPendingFill: {
    allow: ['extension-page'],
    parse: parseTabRequest,
    run: ({ tabId }) => dismissPendingChoice(tabId),
  },
  choosePendingFill: {
    allow: ['extension-page'],
    parse: parseChoosePendingFill,
    run: (req) => choosePendingFill(req),
  },
};

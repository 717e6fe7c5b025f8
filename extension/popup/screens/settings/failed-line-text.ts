// One line an import could not use, in the UI language: the parser's reason in words, after the account's name when
// the line was an export of several; the background's English message only when it sent no reason the popup knows.
import { t } from '../../../i18n.ts';
import type { ImportFailure } from '../../../messages.ts';
import { reasonText } from '../../reason-text.ts';

export function failedLineText(failure: ImportFailure): string {
  const why = reasonText(failure.reason);
  if (!why) return t('importLineFailed', failure.line, failure.message);
  const name = typeof failure.name === 'string' ? failure.name : '';
  return t('importLineFailed', failure.line, name ? t('skippedAccount', name, why) : why);
}

// The suffix table tests pass to siteOf and friends: parsed once from the generated module, as Node code would use it.
import { SUFFIX_EXCEPTIONS, SUFFIX_RULES } from '../../../src/shared/generated/public-suffixes.ts';
import { parseSuffixTable, type SuffixTable } from '../../../src/shared/registrable-domain.ts';

export const suffixes: SuffixTable = parseSuffixTable({ rules: SUFFIX_RULES, exceptions: SUFFIX_EXCEPTIONS });

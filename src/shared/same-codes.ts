// When an account being added is "already in Keyfob": it makes the same codes as one the vault has. Names are not
// compared (an old app may spell the issuer differently) and neither is an HOTP counter (a backup taken earlier holds a
// lower one). A secret kept with other parameters (8 digits instead of 6, SHA-256) makes other codes, so it is a
// different account and is added, as issue 22 asks.
import type { OtpAccount } from './types.ts';

export type CodeParameters = Pick<OtpAccount, 'type' | 'secret' | 'algorithm' | 'digits' | 'period'>;

/** A key equal for two accounts exactly when they make the same codes; secrets must be in normal form (validated). */
export function sameCodesKey(a: CodeParameters): string {
  // An HOTP code does not depend on a period, so a period an importer filled in must not tell two HOTP accounts apart.
  const period = a.type === 'hotp' ? '' : String(a.period);
  return [a.type, a.algorithm, a.digits, period, a.secret].join(':');
}

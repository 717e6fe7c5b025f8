// The manual Add account form as plain data, written as an otpauth URI for the one shared parser to check.

export interface AccountFields {
  uri: string; issuer: string; account: string; secret: string; site: string;
  algorithm: string; digits: string; period: string; type: string; counter: string;
}

export const EMPTY_FORM: AccountFields = { uri: '', issuer: '', account: '', secret: '', site: '', algorithm: 'SHA1', digits: '6', period: '30', type: 'totp', counter: '0' };

/** Writes the form as an otpauth URI so the one shared parser checks every field. */
export function uriFromFields(f: AccountFields): string {
  const issuer = f.issuer.trim();
  const account = f.account.trim();
  const label = issuer ? `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}` : encodeURIComponent(account);
  const q = new URLSearchParams({ secret: f.secret.replace(/[\s-]/g, '').toUpperCase() });
  if (issuer) q.set('issuer', issuer);
  q.set('algorithm', f.algorithm);
  q.set('digits', f.digits);
  if (f.type === 'hotp') q.set('counter', f.counter.trim());
  else q.set('period', f.period.trim());
  return `otpauth://${f.type}/${label}?${q.toString().replace(/\+/g, '%20')}`;
}

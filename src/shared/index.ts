// The public API of the shared core: pure functions, plain data in and out.
export type { OtpAccount, OtpType, OtpAlgorithm } from './types.ts';
export { siteOf, normaliseSiteInput } from './site.ts';

// The account a scan saves: the code, the origin the user bound it to, and the scanned page's favicon only when the
// account is bound to that very page's origin (an icon of one site never goes on an account of another).
import type { OtpAccount } from '../../../src/shared/types.ts';
import type { AccountDraft } from '../../messages.ts';
import type { ScanBinding } from './scan-tab.ts';

export function scanDraft(account: OtpAccount, origin: string | null, binding: ScanBinding): AccountDraft {
  const icon = binding.siteIcon && origin !== null && binding.siteIcon.origin === origin ? { kind: 'site' as const, data: binding.siteIcon.data } : null;
  return { account, origins: origin ? [origin] : [], ...(icon ? { icon } : {}) };
}

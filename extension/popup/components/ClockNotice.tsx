// Says when the device clock is off by 15 s or more (measured from servers' Date headers) and lets the user make
// codes for the corrected time; says so while codes use it, with the way back to the device clock.
import { t } from '../../i18n.ts';
import { useEffect, useState } from 'preact/hooks';
import { callBackground, type ClockStatus } from '../../messages.ts';

export interface ClockNoticeProps {
  /** After the setting changed: the codes on screen were made for the other time. */
  onChanged: () => void;
}

export function ClockNotice({ onChanged }: ClockNoticeProps) {
  const [status, setStatus] = useState<ClockStatus | null>(null);

  useEffect(() => {
    let cancelled = false;
    callBackground('clockStatus', {}).then((s) => { if (!cancelled) setStatus(s); }).catch(() => undefined);
    return () => { cancelled = true; };
  }, []);

  if (!status || status.offsetMs === null || !status.off) return null;
  const seconds = Math.round(Math.abs(status.offsetMs) / 1000);
  const use = async (useCorrectedTime: boolean) => {
    await callBackground('updateSettings', { patch: { useCorrectedTime } });
    setStatus({ ...status, useCorrectedTime });
    onChanged();
  };
  return status.useCorrectedTime ? (
    <p role="status" class="notice" data-testid="clock-notice">
      {t('usingCorrectedTime', seconds)}{' '}
      <button type="button" class="link" onClick={() => void use(false)}>{t('useDeviceClock')}</button>
    </p>
  ) : (
    <div role="alert" class="warning" data-testid="clock-warning">
      <p>{t(status.offsetMs > 0 ? 'clockBehind' : 'clockAhead', seconds)}</p>
      <button type="button" onClick={() => void use(true)}>{t('useCorrectedTime')}</button>
    </div>
  );
}

// Asked by the background after a fill (at most hourly per site): the Date the page's own server answers with, to
// tell whether the device clock is off. One HEAD request for the page's own address, without cookies.
import { callBackground } from '../messages.ts';

export function reportServerDate(): void {
  const sentAt = Date.now();
  fetch(location.href, { method: 'HEAD', cache: 'no-store', credentials: 'omit' })
    .then((res) => {
      const receivedAt = Date.now();
      const serverDate = Date.parse(res.headers.get('date') ?? '');
      return Number.isFinite(serverDate) ? callBackground('clockSample', { sentAt, receivedAt, serverDate }) : null;
    })
    .catch(() => undefined);
}

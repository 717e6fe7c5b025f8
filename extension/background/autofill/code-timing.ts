// When to take a TOTP code for a fill: never one with under 3 s left, since it would expire while submitted.
export const MIN_REMAINING_MS = 3000;

/**
 * The moment whose code to use, and how long to wait before handing it out (0 or until a later step). A code with
 * under 3 s left is skipped, and so is any step up to `lastFilledStep` (a code this origin was already given).
 */
export function fillMoment(now: number, periodSeconds: number, lastFilledStep: number | null = null): { at: number; waitMs: number; step: number } {
  const periodMs = periodSeconds * 1000;
  let step = Math.floor(now / periodMs);
  if ((step + 1) * periodMs - now < MIN_REMAINING_MS) step += 1;
  if (lastFilledStep !== null && step <= lastFilledStep) step = lastFilledStep + 1;
  const at = Math.max(now, step * periodMs);
  return { at, waitMs: at - now, step };
}

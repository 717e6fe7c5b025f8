// When to take a TOTP code for a fill: never one with under 3 s left, since it would expire while submitted.
export const MIN_REMAINING_MS = 3000;

/** The moment whose code to use, and how long to wait before handing it out (0 or until the next step). */
export function fillMoment(now: number, periodSeconds: number): { at: number; waitMs: number } {
  const periodMs = periodSeconds * 1000;
  const nextStep = (Math.floor(now / periodMs) + 1) * periodMs;
  if (nextStep - now >= MIN_REMAINING_MS) return { at: now, waitMs: 0 };
  return { at: nextStep, waitMs: nextStep - now };
}

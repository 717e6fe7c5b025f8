// E-mail verification: mail a single-use link (built from PUBLIC_URL), show what it would verify, and verify on POST.
import { mailDirOf } from '../config.ts';
import type { AppContext } from '../context.ts';
import { sendMail } from '../db/audit.ts';
import { findLiveEmailVerification, insertEmailVerification, useEmailVerification } from '../db/email-verifications.ts';
import { findUserById, markEmailVerified, type UserRow } from '../db/users.ts';
import { hashToken, randomToken } from '../security/tokens.ts';
import { recordSecurityEvent } from '../db/security-event.ts';
import { publicLink } from '../public-url.ts';

export const emailVerificationMs = 24 * 60 * 60 * 1000;

/** Mails a fresh link to the user's address; earlier links stop working. The link itself never reaches the database. */
export function sendVerificationLink(ctx: AppContext, user: Pick<UserRow, 'id' | 'email'>): void {
  const token = randomToken(32);
  const now = ctx.config.now();
  insertEmailVerification(ctx.db, { userId: user.id, email: user.email, hash: hashToken(token), now, ttlMs: emailVerificationMs });
  sendMail(mailDirOf(ctx.config), { to: user.email, kind: 'email_verification_link', now,
    message: `Verify your e-mail address: ${publicLink(ctx.publicUrl, `/verify-email?token=${token}`)} (the link works once, for 24 hours). `
      + 'If you did not create this account, do not open it: reset the password instead.' });
}

export type VerificationLookup = { ok: true; user: UserRow } | { ok: false };

/** The account a live link would verify (for the confirmation page); uses nothing up. */
export function findVerificationTarget(ctx: AppContext, token: string): VerificationLookup {
  const row = token ? findLiveEmailVerification(ctx.db, hashToken(token), ctx.config.now()) : undefined;
  const user = row ? findUserById(ctx.db, row.user_id) : undefined;
  // A link proves the address it was sent to, so it is dead once the account's address is another.
  return user && row && user.email.toLowerCase() === row.email.toLowerCase() ? { ok: true, user } : { ok: false };
}

export type VerifyResult = { ok: true; user: UserRow } | { ok: false; reason: 'dead_link' };

/** Uses the link up and verifies exactly the account it was issued for, whoever is signed in. */
export function verifyEmail(ctx: AppContext, token: string): VerifyResult {
  const found = findVerificationTarget(ctx, token);
  if (!found.ok) return { ok: false, reason: 'dead_link' };
  const now = ctx.config.now();
  const row = findLiveEmailVerification(ctx.db, hashToken(token), now);
  if (!row || !useEmailVerification(ctx.db, row.id, now)) return { ok: false, reason: 'dead_link' };
  if (markEmailVerified(ctx.db, found.user.id, now)) {
    recordSecurityEvent(ctx, found.user, { action: 'email.verified', detail: 'by verification link' });
  }
  return { ok: true, user: found.user };
}

/** A completed password reset came through a link mailed to the address, which proves it as well as this link would. */
export function verifyEmailByPasswordReset(ctx: AppContext, user: Pick<UserRow, 'id' | 'email'>): void {
  if (markEmailVerified(ctx.db, user.id, ctx.config.now())) recordSecurityEvent(ctx, user, { action: 'email.verified', detail: 'by password reset' });
}

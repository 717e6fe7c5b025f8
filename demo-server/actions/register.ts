// Registration that answers the same whether or not the address has an account: a new address gets a verification
// link, an existing one a notice to its owner; nobody is signed in, and both pay for the password hash.
import type { AppContext } from '../context.ts';
import { findUserByEmail, insertUser } from '../db/users.ts';
import { checkPasswordStrength, hashPassword, passwordProblemText } from '../security/passwords.ts';
import { normaliseEmail } from '../form.ts';
import { recordSecurityEvent } from '../db/security-event.ts';
import { sendVerificationLink } from './verify-email.ts';

export interface RegisterInput { name: string; rawEmail: string | null; password: string | null; confirmation: string | null }

/** `ok` says only that the form was acceptable: whether an account was created is never part of the answer. */
export type RegisterResult = { ok: true; email: string } | { ok: false; problem: string };

const takenNotice = 'Someone tried to register a new account with your e-mail address. You already have an account: '
  + 'if it was you, sign in, or reset your password if you forgot it. If it was not you, you need not do anything.';

export async function registerUser(ctx: AppContext, input: RegisterInput): Promise<RegisterResult> {
  const email = normaliseEmail(input.rawEmail);
  if (!input.name) return { ok: false, problem: 'Enter your name (at most 100 characters).' };
  if (!email) return { ok: false, problem: 'Enter a valid e-mail address.' };
  if (input.password === null) return { ok: false, problem: 'Enter a password (at most 1024 characters).' };
  const problem = checkPasswordStrength(input.password, email);
  if (problem) return { ok: false, problem: passwordProblemText[problem] };
  if (input.password !== input.confirmation) return { ok: false, problem: 'The two passwords do not match.' };
  // Hashed before the lookup, whatever it finds, so the time taken does not tell which addresses have accounts.
  const hash = await hashPassword(input.password, ctx.config.scrypt);
  const id = insertUser(ctx.db, { name: input.name, email, passwordHash: hash, now: ctx.config.now() });
  if (id !== null) {
    sendVerificationLink(ctx, { id, email });
    return { ok: true, email };
  }
  const owner = findUserByEmail(ctx.db, email);
  if (owner) recordSecurityEvent(ctx, owner, { action: 'registration.address_taken', notice: takenNotice });
  return { ok: true, email };
}

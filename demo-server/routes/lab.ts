// /lab pages (only with DEMO_LAB=1): the setup QR and the challenge field in the shapes real sites use, each
// lab session with its own secret so tests can assert "Verify → accepted".
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import express, { Router, type Request, type Response } from 'express';
import QRCode from 'qrcode';
import { base32Encode, formatOtpauthUri, generateCode, type OtpAccount } from '../../src/shared/index.ts';
import { sendPage } from '../views/render.ts';
import {
  CHALLENGE_VARIANTS, ChallengePage, LabIndexPage, NEGATIVE_VARIANTS, NegativePage, QrOnlyPage, RecoveryCodesPage,
  SignedInPage, SETUP_VARIANTS, SetupPage, type ChallengeVariant, type NegativeVariant, type SetupVariant,
} from '../views/lab/lab-pages.tsx';
import { DETECTION_VARIANTS, DetectionPage } from '../views/lab/detection-pages.tsx';

export interface LabDeps { appName: string; now?: () => number }

interface LabSession { account: OtpAccount; recoveryCodes: Map<string, boolean> }

const MAX_SESSIONS = 200;
const ID = /^[a-f0-9]{16}$/;

function newSession(appName: string): [string, LabSession] {
  const id = randomBytes(8).toString('hex');
  const account: OtpAccount = {
    type: 'totp', issuer: `${appName} Lab`, account: `lab-${id}@example.test`, secret: base32Encode(randomBytes(20)),
    algorithm: 'SHA1', digits: 6, period: 30, counter: 0,
  };
  const codes = Array.from({ length: 8 }, () => `${randomBytes(3).toString('hex')}-${randomBytes(3).toString('hex')}`);
  return [id, { account, recoveryCodes: new Map(codes.map((c) => [c, false])) }];
}

/** The other loopback name on the same port: a different site for the cross-origin iframe variants. */
function otherOrigin(req: Request): string {
  const host = req.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return `${req.protocol}://${host}:${req.socket.localPort}`;
}

// Lab pages frame each other across the two loopback names, so they carry their own CSP instead of helmet's.
function labHeaders(_req: Request, res: Response, next: () => void): void {
  res.removeHeader('X-Frame-Options');
  res.set('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; "
    + "frame-src 'self' http://localhost:* http://127.0.0.1:*; frame-ancestors 'self' http://localhost:* http://127.0.0.1:*; "
    + "form-action 'self'; base-uri 'none'; object-src 'none'");
  res.set('Cache-Control', 'no-store');
  next();
}

async function verifyTotp(account: OtpAccount, code: string, now: number): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const window = await Promise.all([-1, 0, 1].map((step) => generateCode(account, now + step * account.period * 1000)));
  return window.includes(code);
}

/** Whether the posted form carries a current code of the session, or one of its unused recovery codes (then used up). */
async function acceptCode(s: LabSession, posted: unknown, now: number): Promise<boolean> {
  const body = (posted ?? {}) as Record<string, unknown>;
  const field = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim().slice(0, 64) : '');
  const recovery = field('recovery_code').toLowerCase();
  if (recovery) {
    const accepted = s.recoveryCodes.get(recovery) === false;
    if (accepted) s.recoveryCodes.set(recovery, true);
    return accepted;
  }
  const code = field('code') || field('token') || field('otp');
  return verifyTotp(s.account, code.replace(/\s/g, ''), now);
}

export function createLabRouter(deps: LabDeps): Router {
  const now = deps.now ?? Date.now;
  const sessions = new Map<string, LabSession>();
  const router = Router();
  router.use(labHeaders);
  router.use('/assets', express.static(join(import.meta.dirname, '../views/lab/assets'), { index: false }));
  router.use(express.urlencoded({ extended: false, limit: '4kb' }));

  const create = (): [string, LabSession] => {
    if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string);
    const [id, session] = newSession(deps.appName);
    sessions.set(id, session);
    return [id, session];
  };

  router.get('/', (_req, res) => res.redirect(303, `/lab/${create()[0]}/`));
  /** For tests: a fresh lab session and its account, as JSON. */
  router.post('/sessions', (_req, res) => {
    const [id, s] = create();
    res.status(201).json({ id, base: `/lab/${id}`, secret: s.account.secret, account: s.account, otpauth: formatOtpauthUri(s.account) });
  });

  const session = (req: Request, res: Response): { id: string; s: LabSession; base: string } | null => {
    const id = String(req.params.lab ?? '');
    const s = ID.test(id) ? sessions.get(id) : undefined;
    if (!s) { res.status(404).type('text').send('Unknown lab session: open /lab/ to start one'); return null; }
    return { id, s, base: `/lab/${id}` };
  };

  router.get('/:lab/', (req, res) => {
    const lab = session(req, res);
    if (lab) sendPage(res, 200, LabIndexPage({ base: lab.base, secret: lab.s.account.secret, detectionVariants: DETECTION_VARIANTS }));
  });
  router.get('/:lab/qr.png', async (req, res) => {
    const lab = session(req, res);
    if (lab) res.type('png').send(await QRCode.toBuffer(formatOtpauthUri(lab.s.account), { margin: 2, scale: 6 }));
  });
  router.get('/:lab/qr-only', async (req, res) => {
    const lab = session(req, res);
    if (lab) sendPage(res, 200, QrOnlyPage({ pngDataUrl: await QRCode.toDataURL(formatOtpauthUri(lab.s.account), { margin: 2 }) }));
  });
  router.get('/:lab/setup/:variant', async (req, res) => {
    const lab = session(req, res);
    if (!lab) return;
    const variant = SETUP_VARIANTS.find((v) => v === req.params.variant);
    if (!variant) { res.status(404).type('text').send('Unknown setup variant'); return; }
    const uri = formatOtpauthUri(lab.s.account);
    sendPage(res, 200, SetupPage({
      variant: variant as SetupVariant, base: lab.base, secret: lab.s.account.secret,
      pngDataUrl: await QRCode.toDataURL(uri, { margin: 2 }), svg: await QRCode.toString(uri, { type: 'svg', margin: 2 }),
      frameSrc: `${lab.base}/qr-only`,
    }));
  });
  router.get('/:lab/challenge/:variant', (req, res) => {
    const lab = session(req, res);
    if (!lab) return;
    const variant = CHALLENGE_VARIANTS.find((v) => v === req.params.variant);
    if (!variant) { res.status(404).type('text').send('Unknown challenge variant'); return; }
    sendPage(res, 200, ChallengePage({ variant: variant as ChallengeVariant, base: lab.base, frameSrc: `${otherOrigin(req)}${lab.base}/challenge/plain` }));
  });
  router.get('/:lab/negative/:variant', (req, res) => {
    const lab = session(req, res);
    if (!lab) return;
    const variant = NEGATIVE_VARIANTS.find((v) => v === req.params.variant);
    if (!variant) { res.status(404).type('text').send('Unknown variant'); return; }
    sendPage(res, 200, NegativePage({ variant: variant as NegativeVariant, base: lab.base }));
  });
  router.get('/:lab/recovery-codes', (req, res) => {
    const lab = session(req, res);
    if (lab) sendPage(res, 200, RecoveryCodesPage({ codes: [...lab.s.recoveryCodes.keys()] }));
  });
  router.post('/:lab/challenge/:variant', async (req, res) => {
    const lab = session(req, res);
    if (!lab) return;
    const variant = CHALLENGE_VARIANTS.find((v) => v === req.params.variant);
    if (!variant) { res.status(404).type('text').send('Unknown challenge variant'); return; }
    const accepted = await acceptCode(lab.s, req.body, now());
    // Success moves on to another page, as real sign-ins do; a wrong code re-renders the same challenge.
    if (accepted) { res.redirect(303, `${lab.base}/signed-in?variant=${variant}`); return; }
    sendPage(res, 422, ChallengePage({ variant, base: lab.base, frameSrc: `${otherOrigin(req)}${lab.base}/challenge/plain`, rejected: true }));
  });
  router.post('/:lab/negative/:variant', (req, res) => {
    const lab = session(req, res);
    const variant = NEGATIVE_VARIANTS.find((v) => v === req.params.variant);
    if (lab && variant) sendPage(res, 200, NegativePage({ variant, base: lab.base }));
    else if (lab) res.status(404).type('text').send('Unknown variant');
  });
  // Detection pages: the same code check as the challenge, on pages that tell their field's purpose differently.
  router.get('/:lab/detect/:variant', (req, res) => {
    const lab = session(req, res);
    const variant = DETECTION_VARIANTS.find((v) => v === req.params.variant);
    if (lab && variant) sendPage(res, 200, DetectionPage({ variant, base: lab.base }));
    else if (lab) res.status(404).type('text').send('Unknown detection variant');
  });
  router.post('/:lab/detect/:variant', async (req, res) => {
    const lab = session(req, res);
    const variant = DETECTION_VARIANTS.find((v) => v === req.params.variant);
    if (!lab) return;
    if (!variant) { res.status(404).type('text').send('Unknown detection variant'); return; }
    if (await acceptCode(lab.s, req.body, now())) { res.redirect(303, `${lab.base}/signed-in?variant=${variant}`); return; }
    sendPage(res, 422, DetectionPage({ variant, base: lab.base, rejected: true }));
  });
  router.get('/:lab/signed-in', (req, res) => {
    const lab = session(req, res);
    if (lab) sendPage(res, 200, SignedInPage({ variant: typeof req.query.variant === 'string' ? req.query.variant.slice(0, 32) : '' }));
  });
  return router;
}

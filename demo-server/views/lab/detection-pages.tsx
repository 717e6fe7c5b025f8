// /lab/detect pages: challenge fields whose purpose is told the way real pages tell it (outside the form, by a
// group label, by one box's autocomplete), and the e-mail-code page that looks like a challenge but is not ours.
import type { ComponentChildren } from 'preact';
import { LabLayout } from './lab-pages.tsx';

export const DETECTION_VARIANTS = ['heading-outside-form', 'email-code', 'split-first-autocomplete', 'split-group-label',
  'second-factor'] as const;
export type DetectionVariant = typeof DETECTION_VARIANTS[number];

/** Six one-character boxes without inputmode (codes can be typed as text); split-boxes.js joins them into "code". */
function SplitBoxes(p: { first?: { autocomplete: string } }) {
  return (
    <>
      {[1, 2, 3, 4, 5, 6].map((i) => (
        <input key={i} class="digit" type="text" maxlength={1} aria-label={`Character ${i} of 6`}
          autocomplete={i === 1 && p.first ? p.first.autocomplete : 'off'} />
      ))}
    </>
  );
}

function PostForm(p: { action: string; id?: string; children: ComponentChildren }) {
  return (
    <form method="post" action={p.action} id={p.id}>
      {p.children}
      <button type="submit">Continue</button>
    </form>
  );
}

/**
 * Each page says what its field is for only the way its variant is about: the shared layout adds no heading of its
 * own, so a page without the variant's signal would not be filled.
 */
export function DetectionPage(p: { variant: DetectionVariant; base: string; rejected?: boolean }) {
  const action = `${p.base}/detect/${p.variant}`;
  const body = {
    // The dialog's heading and paragraph, before the form, are all that say "authenticator".
    'heading-outside-form': (
      <div role="dialog" aria-labelledby="dialog-title" class="card">
        <h2 id="dialog-title">Verify with your authenticator app</h2>
        <p>Open the app on your phone and enter the current code for this account.</p>
        <div class="card-body">
          <PostForm action={action}><label>Code <input name="code" autocomplete="off" /></label></PostForm>
        </div>
      </div>
    ),
    // A code sent by e-mail: autocomplete="one-time-code" is right for it, yet it is not an authenticator's code.
    'email-code': (
      <section>
        <h2>Confirm it is you</h2>
        <p>We sent a verification code to your e-mail address l•••@example.test. It expires in 10 minutes.</p>
        <PostForm action={action}>
          <label>Verification code <input name="code" autocomplete="one-time-code" inputmode="numeric" maxlength={6} /></label>
        </PostForm>
      </section>
    ),
    // Plain text boxes; only the first says autocomplete="one-time-code" (where the browser's own suggestion lands).
    'split-first-autocomplete': (
      <PostForm action={action} id="split-form">
        <div class="split"><SplitBoxes first={{ autocomplete: 'one-time-code' }} /></div>
        <input type="hidden" name="code" />
      </PostForm>
    ),
    // Plain text boxes whose group label is the only thing that names them.
    'split-group-label': (
      <PostForm action={action} id="split-form">
        <div class="split" role="group" aria-label="Authenticator code"><SplitBoxes /></div>
        <input type="hidden" name="code" />
      </PostForm>
    ),
    // A bare name="code" field; only the words "second factor" make it a one-time-code field.
    'second-factor': (
      <PostForm action={action}>
        <p>Your account is protected by a second factor.</p>
        <label>Code <input name="code" autocomplete="off" /></label>
      </PostForm>
    ),
  }[p.variant];
  const split = p.variant === 'split-first-autocomplete' || p.variant === 'split-group-label';
  return (
    <LabLayout title={`Lab sign-in: ${p.variant}`} scripts={split ? ['split-boxes.js'] : []}>
      <h1>Sign in</h1>
      {p.rejected ? <p role="alert" data-testid="lab-result">rejected</p> : null}
      {body}
    </LabLayout>
  );
}

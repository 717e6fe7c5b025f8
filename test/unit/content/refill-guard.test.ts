// The refill guard's rules, without a browser: one refill of a field a script emptied, none after the user's input.
import { describe, expect, it } from 'vitest';
import { guardAgainstClearing, READ_BACK_MS, shouldRefill } from '../../../extension/content/refill-guard.ts';
import { mayHoldFields } from '../../../extension/content/watch-late-fields.ts';

/** An input as far as the guard sees one: events, a value, whether it is in the page, its form. */
function fakeInput(value: string, form: EventTarget | null = null): HTMLInputElement {
  return Object.assign(new EventTarget(), { value, isConnected: true, form }) as unknown as HTMLInputElement;
}

/** Timers the test fires by hand, in order. */
function manualTimers() {
  const queue: { ms: number; check: () => void }[] = [];
  return {
    later: (check: () => void, ms: number) => void queue.push({ ms, check }),
    runAll: () => { for (const t of queue.splice(0).sort((a, b) => a.ms - b.ms)) t.check(); },
    pending: () => queue.length,
  };
}

/** What a real keystroke delivers: an event the browser marks trusted, which page scripts cannot create. */
class TrustedInput extends Event {
  override get isTrusted(): boolean { return true; }
}

describe('shouldRefill', () => {
  const base = { values: [''], connected: true, userActed: false, alreadyRefilled: false };
  it('refills a field a script emptied', () => expect(shouldRefill(base)).toBe(true));
  it('leaves a field that still holds something', () => expect(shouldRefill({ ...base, values: ['123456'] })).toBe(false));
  it('leaves split boxes unless every box is empty', () => expect(shouldRefill({ ...base, values: ['', '4', ''] })).toBe(false));
  it('never refills after the user acted', () => expect(shouldRefill({ ...base, userActed: true })).toBe(false));
  it('never refills a second time', () => expect(shouldRefill({ ...base, alreadyRefilled: true })).toBe(false));
  it('leaves a field that left the page (the re-rendered one is filled as a new field)', () =>
    expect(shouldRefill({ ...base, connected: false })).toBe(false));
});

describe('guardAgainstClearing', () => {
  it('reads the value back at each moment and refills once when a script emptied the field', () => {
    const input = fakeInput('123456');
    const timers = manualTimers();
    let refills = 0;
    guardAgainstClearing([input], () => refills++, timers);
    expect(timers.pending()).toBe(READ_BACK_MS.length);
    input.value = '';
    timers.runAll();
    expect(refills).toBe(1);
    // Keyfob's refill arms the guard again after filling: that field has had its one retry.
    input.value = '';
    guardAgainstClearing([input], () => refills++, timers);
    timers.runAll();
    expect(refills).toBe(1);
  });

  it('does nothing while the value stays', () => {
    const input = fakeInput('123456');
    const timers = manualTimers();
    let refills = 0;
    guardAgainstClearing([input], () => refills++, timers);
    timers.runAll();
    expect(refills).toBe(0);
  });

  it('stops at the user\'s own input, even if the field is empty afterwards', () => {
    const input = fakeInput('123456');
    const timers = manualTimers();
    let refills = 0;
    guardAgainstClearing([input], () => refills++, timers);
    input.dispatchEvent(new TrustedInput('input'));
    input.value = '';
    timers.runAll();
    expect(refills).toBe(0);
  });

  it('is not stopped by a page script\'s forged input event', () => {
    const input = fakeInput('123456');
    const timers = manualTimers();
    let refills = 0;
    guardAgainstClearing([input], () => refills++, timers);
    input.dispatchEvent(new Event('input'));
    input.value = '';
    timers.runAll();
    expect(refills).toBe(1);
  });

  it('stops when the form is submitted (a page emptying the field after a rejected code is not re-sent)', () => {
    const form = new EventTarget();
    const input = fakeInput('123456', form);
    const timers = manualTimers();
    let refills = 0;
    guardAgainstClearing([input], () => refills++, timers);
    form.dispatchEvent(new Event('submit'));
    input.value = '';
    timers.runAll();
    expect(refills).toBe(0);
  });
});

describe('mayHoldFields', () => {
  it('keeps inputs, custom elements and elements with children', () => {
    expect(mayHoldFields({ nodeType: 1, localName: 'input', firstElementChild: null })).toBe(true);
    expect(mayHoldFields({ nodeType: 1, localName: 'otp-form', firstElementChild: null })).toBe(true);
    expect(mayHoldFields({ nodeType: 1, localName: 'div', firstElementChild: {} })).toBe(true);
  });
  it('skips text and empty ordinary elements, which are most of a busy page\'s changes', () => {
    expect(mayHoldFields({ nodeType: 3 })).toBe(false);
    expect(mayHoldFields({ nodeType: 1, localName: 'span', firstElementChild: null })).toBe(false);
  });
});

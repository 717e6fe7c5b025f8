// Types a code into a single field or split boxes so that the site's own scripts (React, Vue, focus-advance) see it.

/** Sets the value through the prototype setter: `el.value =` is swallowed by React-controlled inputs. */
function setNativeValue(input: HTMLInputElement, value: string): void {
  // Read when filling, not when the script loads: most pages never get a fill.
  const nativeValueSetter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  if (nativeValueSetter) nativeValueSetter.call(input, value);
  else input.value = value;
}

function fire(input: HTMLInputElement, type: 'input' | 'change', data: string | null = null): void {
  const event = type === 'input'
    ? new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data })
    : new Event('change', { bubbles: true });
  input.dispatchEvent(event);
}

function key(target: HTMLInputElement, type: 'keydown' | 'keyup' | 'keypress', ch: string): void {
  const code = /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`;
  target.dispatchEvent(new KeyboardEvent(type, { key: ch, code, bubbles: true, composed: true, cancelable: true }));
}

/** The focused element, looking through open shadow roots. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function normalised(value: string): string {
  return value.replace(/[\s-]/g, '');
}

export function fillSingle(input: HTMLInputElement, code: string): boolean {
  input.focus();
  setNativeValue(input, code);
  fire(input, 'input', code);
  fire(input, 'change');
  return normalised(input.value) === normalised(code);
}

function readBoxes(boxes: HTMLInputElement[]): string {
  return boxes.map((b) => b.value).join('');
}

function clearBoxes(boxes: HTMLInputElement[]): void {
  for (const box of boxes) {
    setNativeValue(box, '');
    fire(box, 'input');
  }
}

/**
 * Types one character at a time into whatever box has focus, so a site script that moves focus keeps working;
 * a box the site did not move to gets focused by us.
 */
function typeThrough(boxes: HTMLInputElement[], code: string): void {
  boxes[0]?.focus();
  Array.from(code).forEach((ch, i) => {
    const active = deepActiveElement();
    const target = active instanceof HTMLInputElement && boxes.includes(active) && active.value === '' ? active : boxes[i];
    if (!target) return;
    if (deepActiveElement() !== target) target.focus();
    key(target, 'keydown', ch);
    target.dispatchEvent(new InputEvent('beforeinput', { bubbles: true, composed: true, cancelable: true, inputType: 'insertText', data: ch }));
    setNativeValue(target, ch);
    fire(target, 'input', ch);
    key(target, 'keyup', ch);
  });
  for (const box of boxes) fire(box, 'change');
}

function boxByBox(boxes: HTMLInputElement[], code: string): void {
  boxes.forEach((box, i) => {
    setNativeValue(box, code[i] ?? '');
    fire(box, 'input', code[i] ?? null);
    fire(box, 'change');
  });
}

/** Fills split boxes: type-through first, box by box as the fallback; the read-back decides success. */
export function fillSplit(boxes: HTMLInputElement[], code: string): boolean {
  typeThrough(boxes, code);
  if (readBoxes(boxes) === code) return true;
  clearBoxes(boxes);
  boxByBox(boxes, code);
  return readBoxes(boxes) === code;
}

export function fillTarget(inputs: HTMLInputElement[], code: string): boolean {
  const [first] = inputs;
  if (!first) return false;
  return inputs.length === 1 ? fillSingle(first, code) : fillSplit(inputs, code.slice(0, inputs.length));
}

type SubmitButton = HTMLButtonElement | HTMLInputElement;

/** The form's default button (its first submit button in tree order, also one outside it with form=), as Enter uses. */
function defaultSubmitter(form: HTMLFormElement): SubmitButton | null {
  const root = form.getRootNode() as Document | ShadowRoot;
  for (const el of root.querySelectorAll('button, input[type="submit" i], input[type="image" i]')) {
    const isSubmit = (el instanceof HTMLButtonElement || el instanceof HTMLInputElement) && (el.type === 'submit' || el.type === 'image');
    if (isSubmit && el.form === form) return el;
  }
  return null;
}

/**
 * Submits the field's form the way a user pressing Enter would (requestSubmit runs the site's validation and
 * handlers), but only when it posts to this document's own origin: a form aimed at another site (injected markup,
 * a formaction on its button) must not carry the code away. Dialog forms only close a dialog: left alone.
 */
export function submitFormOf(input: HTMLInputElement): void {
  const form = input.form;
  if (!form) return;
  const button = defaultSubmitter(form);
  const submitter = button && !button.disabled ? button : null;
  // What the submission will use: the submitter's formaction/formmethod when it sets them, else the form's.
  // (formAction reads as the document's URL when the attribute is absent, so the attribute decides.)
  const action = submitter?.hasAttribute('formaction') ? submitter.formAction : form.action;
  const method = submitter?.hasAttribute('formmethod') ? submitter.formMethod : form.method;
  let actionOrigin: string;
  try {
    actionOrigin = new URL(action, document.baseURI).origin;
  } catch {
    return;
  }
  // window.origin is the document's origin ('null' when sandboxed), which no action URL's origin equals.
  if (method === 'dialog' || actionOrigin === 'null' || actionOrigin !== window.origin) return;
  form.requestSubmit(submitter);
}

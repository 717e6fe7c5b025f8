// What the content script's detection sees for one corpus field, for the harness's list of failures.
import { hasCodeSignal } from '../../../extension/content/classify-field.ts';
import { factsOf, isSoleTextInput, surroundingsOf } from '../../../extension/content/field-facts.ts';

export function describeField(input: HTMLInputElement): Record<string, unknown> {
  const facts = factsOf(input);
  facts.soleTextInput = isSoleTextInput(input);
  const { context, around } = surroundingsOf(input);
  return { ...facts, around, codeSignal: hasCodeSignal(facts), context: context.slice(0, 300) };
}

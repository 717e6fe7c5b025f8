// What the content script's detection sees for one corpus field, for the harness's list of failures.
import { hasCodeSignal } from '../../../extension/content/classify-field.ts';
import { contextOf, factsOf, isSoleTextInput } from '../../../extension/content/field-facts.ts';

export function describeField(input: HTMLInputElement): Record<string, unknown> {
  const facts = factsOf(input);
  facts.soleTextInput = isSoleTextInput(input);
  return { ...facts, codeSignal: hasCodeSignal(facts), context: contextOf(input).slice(0, 300) };
}

// The complete handler table: a missing or mistyped handler is a compile error here.
import type { AllHandlers } from '../handler-types.ts';
import { pingHandlers } from './ping.ts';

export const handlers: AllHandlers = {
  ...pingHandlers,
};

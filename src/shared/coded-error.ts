// The one base of every error Keyfob throws on purpose, in every layer (shared core, extension, CLI): a machine code
// the caller branches on and words for the user, and a message for logs. Each subclass names its own codes.
export class CodedError<C extends string = string> extends Error {
  constructor(readonly code: C, message: string) {
    super(message);
    // Set explicitly, not from the constructor's name: the bundles are minified and class names do not survive.
    this.name = 'CodedError';
  }
}

/** An error Keyfob threw on purpose (any layer), as opposed to a bug or a browser failure. */
export function isCodedError(err: unknown): err is CodedError {
  return err instanceof CodedError;
}

// One button's work against the background: while it runs the screen is busy, and a failure becomes its error text.
import { useCallback, useState } from 'preact/hooks';
import { errorText } from '../error-text.ts';

export interface RunOptions {
  /**
   * The work ends by handing over to another screen (or closing the window): on success busy stays on, so the button
   * cannot be pressed twice while the next screen loads. Busy always ends on a failure.
   */
  leavesScreen?: boolean;
}

export interface Action {
  busy: boolean;
  /** The words of the last failure, or a check's message set with `setError`; '' when there is none. */
  error: string;
  /** For a check made before (or instead of) any call to the background, such as two passwords that differ. */
  setError: (text: string) => void;
  /** Clears the error, runs `work` while busy and shows its failure; resolves true when it succeeded. */
  run: (work: () => Promise<void>, options?: RunOptions) => Promise<boolean>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const run = useCallback(async (work: () => Promise<void>, { leavesScreen = false }: RunOptions = {}) => {
    setBusy(true);
    setError('');
    try {
      await work();
      if (!leavesScreen) setBusy(false);
      return true;
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
      return false;
    }
  }, []);

  return { busy, error, setError, run };
}

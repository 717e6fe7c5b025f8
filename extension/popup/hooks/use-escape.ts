// Escape steps back from a screen that has a way back, so the whole popup works from the keyboard.
import { useEffect, useRef } from 'preact/hooks';

/** While `active`, Escape calls `onEscape` (and does nothing else the browser would do with it). */
export function useEscape(active: boolean, onEscape: () => void): void {
  // Read at the moment of the key press: a listener re-made after each screen change runs only after the new screen is
  // painted, so an Escape pressed as soon as a sub-screen showed was judged by the old one.
  const latest = useRef({ active, onEscape });
  latest.current = { active, onEscape };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !latest.current.active) return;
      e.preventDefault();
      latest.current.onEscape();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

// The title bar of a sub-screen, with the Back button that Escape also triggers.

export function ScreenHeader({ title, onBack }: { title: string; onBack: () => void }) {
  return (
    <header class="screen-header">
      <button type="button" class="back" onClick={onBack} aria-label="Back">←</button>
      <h1>{title}</h1>
    </header>
  );
}

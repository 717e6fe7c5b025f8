// The title bar of a sub-screen, with the Back button that Escape also triggers.
import { t } from '../../i18n.ts';

export function ScreenHeader({ title, onBack }: { title: string; onBack: () => void }) {
  return (
    <header class="screen-header">
      <button type="button" class="back" onClick={onBack} aria-label={t('back')}>←</button>
      <h1>{title}</h1>
    </header>
  );
}

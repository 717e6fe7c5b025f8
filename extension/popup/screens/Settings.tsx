// Settings: preferences, sync, master password, export and import, each a section of its own file.
import { t } from '../../i18n.ts';
import type { Settings as SettingsValue } from '../../messages.ts';
import { ScreenHeader } from '../components/ScreenHeader.tsx';
import { ChangePasswordSection } from './settings/ChangePasswordSection.tsx';
import { ExportSection } from './settings/ExportSection.tsx';
import { ImportSection } from './settings/ImportSection.tsx';
import { PreferencesSection } from './settings/PreferencesSection.tsx';
import { SyncSection } from './settings/SyncSection.tsx';

export interface SettingsProps {
  settings: SettingsValue;
  onSettings: (s: SettingsValue) => void;
  onBack: () => void;
  onImported: () => void;
}

export function Settings({ settings, onSettings, onBack, onImported }: SettingsProps) {
  return (
    <main class="settings">
      <ScreenHeader title={t('settings')} onBack={onBack} />
      <PreferencesSection settings={settings} onSettings={onSettings} />
      <SyncSection />
      <ChangePasswordSection />
      <ExportSection />
      <ImportSection onImported={onImported} />
    </main>
  );
}

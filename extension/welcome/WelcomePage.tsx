// The welcome tab: pin Keyfob's button, create the vault, and the three ways to bring accounts in. Steps show done once
// the browser says so.
import { t } from '../i18n.ts';
import { openCreateVault } from './open-create-vault.ts';
import { PinPicture } from './PinPicture.tsx';
import { useOnToolbar, useVaultExists } from './setup-state.ts';

/** Relative to this page, so the link stays inside the extension. */
const IMPORT_PAGE = '../import/index.html';

function Done({ text }: { text: string }) {
  return <p class="notice step-done" data-testid="step-done"><span aria-hidden="true">✓ </span>{text}</p>;
}

export function WelcomePage({ firefox }: { firefox: boolean }) {
  const vaultExists = useVaultExists();
  const pinned = useOnToolbar();

  return (
    <main>
      <h1>{t('createTitle')}</h1>
      <p>{t('welcomeIntro')}</p>
      <ol class="welcome-steps">
        <li class={pinned ? 'done' : undefined} data-testid="welcome-pin">
          <h2>{t('welcomePinTitle')}</h2>
          {pinned ? <Done text={t('welcomePinDone')} /> : (
            <>
              <p>{firefox ? t('welcomePinFirefox') : t('welcomePinChrome')}</p>
              <PinPicture firefox={firefox} />
            </>
          )}
        </li>
        <li class={vaultExists ? 'done' : undefined} data-testid="welcome-vault" aria-busy={vaultExists === null}>
          <h2>{t('welcomeVaultTitle')}</h2>
          {vaultExists ? <Done text={t('welcomeVaultDone')} /> : (
            <>
              <p>{t('welcomeVaultText')}</p>
              <button type="button" class="primary" onClick={() => void openCreateVault()}>{t('welcomeVaultOpen')}</button>
              <p class="hint">{t('welcomeVaultOrIcon')}</p>
            </>
          )}
        </li>
        <li data-testid="welcome-add">
          <h2>{t('welcomeAddTitle')}</h2>
          <ul class="ways">
            <li>{t('welcomeAddScan')}</li>
            <li>{t('welcomeAddImport')}{' '}
              <a href={IMPORT_PAGE} target="_blank" rel="noopener">{t('importOpenTab')}</a>
            </li>
            <li>{t('welcomeAddJoin')}</li>
          </ul>
        </li>
      </ol>
    </main>
  );
}

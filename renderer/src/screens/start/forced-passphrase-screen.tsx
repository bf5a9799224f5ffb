/**
 * Unlocked with a one-time passphrase an administrator issued: the user replaces it before anything else,
 * so that nobody but them knows the passphrase that opens the vault as them.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PassphraseSection } from '../settings/passphrase-section';

export function ForcedPassphraseScreen({ onChanged, onLock }: { readonly onChanged: () => void; readonly onLock: () => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <main className="page page-narrow" data-testid="forced-passphrase">
      <h1>{t('settings.passphrase.forcedTitle')}</h1>
      <p>{t('settings.passphrase.forcedText')}</p>
      <PassphraseSection onChanged={onChanged} />
      <div className="form-actions start">
        <button type="button" className="button" onClick={onLock}>
          {t('settings.passphrase.forcedLock')}
        </button>
      </div>
    </main>
  );
}

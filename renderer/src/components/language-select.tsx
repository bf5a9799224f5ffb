/**
 * Switches the interface language at once and remembers it on this workstation (the preference is
 * public: it is needed before unlock).
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../main/api/contract';
import { api, type ClientError } from '../api/client';
import { currentLanguage, switchLanguage } from '../i18n';
import { ErrorAlert } from './alert';
import { SelectField } from './field';

/** Language names are written in their own language, as users look for their own. */
const NATIVE_NAMES: Readonly<Record<Language, string>> = { en: 'English', fr: 'Français' };

export function LanguageSelect({ compact = false }: { readonly compact?: boolean }): ReactNode {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);

  async function choose(language: Language): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await api.call('preferences.setLanguage', { language });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    await switchLanguage(language);
  }

  return (
    <div className={compact ? 'language-select compact' : 'language-select'}>
      <SelectField
        label={t('settings.language.label')}
        value={currentLanguage()}
        disabled={busy}
        onChange={(event) => void choose(event.target.value as Language)}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {NATIVE_NAMES[language]}
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={error} />
    </div>
  );
}

/** A purpose code in the interface's language, from the session's catalog (its code while the catalog is unknown). */
import { useTranslation } from 'react-i18next';
import { purposeName } from '../../lib/purpose-name';
import { usePurposeCatalog } from '../../session/purpose-catalog';

export function usePurposeNames(): (code: string | null) => string {
  const { t, i18n } = useTranslation();
  const { purposes } = usePurposeCatalog();
  return (code) =>
    code === null || code === ''
      ? t('retention.screen.otherPurpose')
      : purposeName(
          (purposes ?? []).find((purpose) => purpose.code === code),
          code,
          i18n.language,
        );
}

/**
 * The records of processing (GDPR Art. 30, Law 25's inventory): one report generated from what the vault knows,
 * in the language and format chosen, offered as a download (the backend sends its bytes, as it does for the
 * partner register), so browser mode and the desktop app save it the same way.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language, type ProcessingFormat } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { SelectField } from '../../components/field';
import { Section } from '../../components/section';
import { useApiAction } from '../../hooks/use-action';
import { downloadBase64 } from '../../lib/download';
import { shortHash } from '../../lib/format';

const FORMATS: readonly ProcessingFormat[] = ['pdf', 'csv'];

export function ProcessingReportSection(): ReactNode {
  const { t, i18n } = useTranslation();
  const [language, setLanguage] = useState<Language>(i18n.language.startsWith('fr') ? 'fr' : 'en');
  const [format, setFormat] = useState<ProcessingFormat>('pdf');
  const exporter = useApiAction('processing.export');
  const [exported, setExported] = useState<{ readonly fileName: string; readonly sha256: string; readonly items: number } | null>(null);

  async function generate(): Promise<void> {
    setExported(null);
    const result = await exporter.run({ format, language, overwrite: false });
    if (!result.ok || result.value.base64 === null) return;
    downloadBase64(result.value.fileName, result.value.base64, format === 'pdf' ? 'application/pdf' : 'text/csv;charset=utf-8');
    setExported(result.value);
  }

  return (
    <Section title={t('processing.screen.title')} description={t('processing.screen.description')} id="processing">
      <div className="field-row">
        <SelectField
          label={t('processing.screen.language')}
          value={language}
          name="processingLanguage"
          onChange={(event) => setLanguage(event.target.value as Language)}
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {t(`processing.screen.languages.${code}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('processing.screen.format')}
          value={format}
          name="processingFormat"
          onChange={(event) => setFormat(event.target.value as ProcessingFormat)}
        >
          {FORMATS.map((code) => (
            <option key={code} value={code}>
              {t(`processing.screen.formats.${code}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="form-actions start">
        <button type="button" className="button" onClick={() => void generate()} disabled={exporter.busy} aria-busy={exporter.busy}>
          {t('processing.screen.generate')}
        </button>
      </div>
      <ErrorAlert error={exporter.error} />
      {exported !== null ? (
        <Notice tone="success" testId="processing-exported">
          {t('processing.screen.generated', { count: exported.items, file: exported.fileName })}{' '}
          <code title={exported.sha256}>{shortHash(exported.sha256, 16)}</code>
        </Notice>
      ) : null}
    </Section>
  );
}

/**
 * The certificate as a PDF, in the language the person or the regulator reads. The window never writes a
 * file itself: the PDF comes back as base64 and is offered as a download, as an access package is.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/field';
import { useApiAction } from '../../hooks/use-action';
import { downloadBase64 } from '../../lib/download';
import { shortHash } from '../../lib/format';
import { ErasureErrorAlert } from './erasure-error';

/** The certificate itself, or with `agreementId` the notice of erasure to the partner of that agreement (GDPR Art. 19). */
export function PdfDownload({ certificateId, agreementId }: { readonly certificateId: number; readonly agreementId?: number }): ReactNode {
  const { t, i18n } = useTranslation();
  const exportCertificate = useApiAction('erasure.certificatePdf');
  const exportLetter = useApiAction('erasure.recipientLetter');
  const exportPdf = agreementId === undefined ? exportCertificate : exportLetter;
  const [language, setLanguage] = useState<'fr' | 'en'>(i18n.language.startsWith('fr') ? 'fr' : 'en');
  const [sha256, setSha256] = useState<string | null>(null);

  async function download(): Promise<void> {
    const result =
      agreementId === undefined
        ? await exportCertificate.run({ id: certificateId, language, overwrite: false })
        : await exportLetter.run({ certificateId, agreementId, language, overwrite: false });
    if (!result.ok || result.value.pdfBase64 === null) return;
    downloadBase64(result.value.fileName, result.value.pdfBase64, 'application/pdf');
    setSha256(result.value.sha256);
  }

  return (
    <div className="stack" data-testid={agreementId === undefined ? 'erasure-pdf' : `erasure-letter-${agreementId}`}>
      <div className="form-actions start">
        <SelectField
          label={t('erasure.pdf.language')}
          value={language}
          onChange={(event) => setLanguage(event.target.value === 'en' ? 'en' : 'fr')}
          disabled={exportPdf.busy}
          name={agreementId === undefined ? 'pdf-language' : `letter-language-${agreementId}`}
        >
          <option value="fr">{t('erasure.pdf.languages.fr')}</option>
          <option value="en">{t('erasure.pdf.languages.en')}</option>
        </SelectField>
        <button type="button" className="button" onClick={() => void download()} disabled={exportPdf.busy} aria-busy={exportPdf.busy}>
          {exportPdf.busy ? t('common.working') : agreementId === undefined ? t('erasure.pdf.download') : t('erasure.pdf.letter')}
        </button>
      </div>
      {sha256 !== null ? (
        <p className="muted small" data-testid="erasure-pdf-sha256" data-sha256={sha256}>
          {t('erasure.pdf.fingerprint')} <code title={sha256}>{shortHash(sha256, 16)}</code>
        </p>
      ) : null}
      <ErasureErrorAlert error={exportPdf.error} />
    </div>
  );
}

/**
 * The rows an import run rejected: line, reasons and the raw text, a page at a time, and the whole list
 * as a CSV download to correct in a spreadsheet and import again. Reasons with a code are translated;
 * the others come from the backend in English, and are marked so for screen readers.
 */
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, Notice } from '../../components/alert';
import { Pager } from '../../components/pager';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { downloadText, withoutExtension } from '../../lib/download';
import { formatNumber, rawRowText } from '../../lib/format';
import { shownReasons } from '../../lib/reject-reasons';

const PAGE_SIZE = 25;

interface Props {
  readonly runId: number;
  /** The imported file's name (or the source's), the base of the download's name. */
  readonly baseName: string;
  readonly headingLevel?: 'h2' | 'h3';
}

export function RejectsPanel({ runId, baseName, headingLevel: Heading = 'h3' }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const page = useApiData('import.rejects', { runId, offset, limit: PAGE_SIZE });
  const download = useApiAction('import.rejectsCsv');
  const [downloaded, setDownloaded] = useState<number | null>(null);
  const language = i18n.language;
  const total = page.data?.total ?? null;
  // Not the run's id alone: the wizard's result (kept mounted) and the import history may show the same run.
  const headingId = `${useId()}-rejects-title`;

  async function save(): Promise<void> {
    setDownloaded(null);
    const result = await download.run({ runId, language: language === 'fr' ? 'fr' : 'en' });
    if (!result.ok) return;
    downloadText(`${withoutExtension(baseName)}-${t('import.rejects.fileSuffix')}.csv`, result.value.csv);
    setDownloaded(result.value.rows);
  }

  return (
    <section className="rejects" aria-labelledby={headingId} data-testid="rejects">
      <div className="rejects-head">
        <Heading className="card-title" id={headingId}>
          {total === null ? t('import.rejects.title') : t('import.rejects.titleCount', { count: total, formatted: formatNumber(total, language) })}
        </Heading>
        <button type="button" className="button" disabled={download.busy || total === 0} aria-busy={download.busy} onClick={() => void save()}>
          <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M8 2v8m0 0L4.5 6.5M8 10l3.5-3.5M3 13h10" fill="none" stroke="currentColor" strokeWidth="1.5" />
          </svg>
          {download.busy ? t('common.working') : t('import.rejects.download')}
        </button>
      </div>
      <p className="card-description">{t('import.rejects.advice')}</p>
      {language !== 'en' && page.data?.rows.some((row) => row.reasons.some((_, index) => !row.details?.[index])) ? (
        <p className="form-note">{t('import.rejects.englishReasons')}</p>
      ) : null}
      <ErrorAlert error={download.error} />
      {downloaded !== null ? (
        <Notice tone="success">{t('import.rejects.downloaded', { count: downloaded, formatted: formatNumber(downloaded, language) })}</Notice>
      ) : null}
      <ErrorAlert error={page.error} />
      {page.data && page.data.rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table rejects-table" data-testid="rejects-table" aria-busy={page.loading}>
            <caption className="visually-hidden">{t('import.rejects.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('import.rejects.columns.line')}
                </th>
                <th scope="col">{t('import.rejects.columns.reasons')}</th>
                <th scope="col">{t('import.rejects.columns.raw')}</th>
              </tr>
            </thead>
            <tbody>
              {page.data.rows.map((row, index) => (
                <tr key={`${row.line}-${index}`} data-line={row.line}>
                  <td className="num">{row.line}</td>
                  <td>
                    <ul className="reasons">
                      {shownReasons(t, row.reasons, row.details).map((reason, reasonIndex) => (
                        <li key={reasonIndex} lang={reason.lang}>
                          {reason.text}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <code className="raw">{rawRowText(row.raw)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {total !== null ? (
        <Pager offset={offset} pageSize={PAGE_SIZE} total={total} busy={page.loading} label={t('import.rejects.pages')} onOffset={setOffset} />
      ) : null}
    </section>
  );
}

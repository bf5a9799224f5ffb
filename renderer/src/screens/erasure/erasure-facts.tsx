/**
 * The parts a preview and a certificate share, so that what a steward was shown before erasing reads the
 * same as what the certificate proves afterwards: the counts removed, what statistics kept, the records
 * kept under a legal obligation, the backups that still hold the person, the verification scan.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErasurePreview, Generalized, KeptUnderObligation, Removed, ScanSummary } from '../../../../main/api/contract';
import { Notice } from '../../components/alert';
import { formatDateTime, formatNumber, formatWhen } from '../../lib/format';
import { removedEntries, removedTotal } from './erasure-text';

type Backup = ErasurePreview['backups'][number];

export function RemovedTable({ removed, caption }: { readonly removed: Removed; readonly caption: string }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="erasure-removed">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('erasure.certificate.what')}</th>
            <th scope="col" className="num">
              {t('erasure.certificate.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {removedEntries(removed).map(({ kind, count }) => (
            <tr key={kind} data-kind={kind} data-count={count} className={count === 0 ? 'muted' : undefined}>
              <th scope="row">{t(`erasure.removed.${kind}`)}</th>
              <td className="num">{formatNumber(count, language)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('erasure.facts.total')}</th>
            <td className="num" data-testid="erasure-removed-total">
              {formatNumber(removedTotal(removed), language)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** What statistics keep of the person: counts under a coarse group, or nothing when the group was too small. */
export function GeneralizedText({ generalized, k }: { readonly generalized: Generalized; readonly k: number }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const kept = generalized.region !== null && generalized.ageBand !== null && generalized.events > 0;
  return (
    <div className="stack" data-testid="erasure-generalized" data-events={generalized.events} data-dropped={generalized.dropped}>
      <p>
        {kept
          ? t('erasure.certificate.generalizedKept', { events: formatNumber(generalized.events, language), rows: formatNumber(generalized.rows, language), k })
          : t('erasure.certificate.generalizedNone', { dropped: formatNumber(generalized.dropped, language), k })}
      </p>
      {kept ? (
        <p className="muted small">
          {t('erasure.facts.group', { region: generalized.region ?? '', ageBand: generalized.ageBand ?? '' })}
          {generalized.dropped > 0
            ? ` · ${t('erasure.facts.dropped', { count: generalized.dropped, formatted: formatNumber(generalized.dropped, language) })}`
            : ''}
        </p>
      ) : null}
    </div>
  );
}

/** `names`: sources by number (the certificate names them so), from useSourceNames(). */
export function KeptList({ kept, names }: { readonly kept: readonly KeptUnderObligation[]; readonly names: ReadonlyMap<number, string> }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  if (kept.length === 0) return <p className="muted">{t('erasure.facts.keptNone')}</p>;
  return (
    <ul className="stack" data-testid="erasure-kept">
      {kept.map((entry) => (
        <li key={entry.holdId} data-hold={entry.holdId} data-records={entry.records}>
          {t('erasure.facts.keptEntry', {
            count: entry.records,
            formatted: formatNumber(entry.records, language),
            source: names.get(entry.sourceId) ?? t('erasure.facts.sourceNumber', { id: entry.sourceId }),
            hold: entry.holdId,
          })}
          {entry.until !== null ? ` · ${t('erasure.certificate.until')} ${formatWhen(entry.until, language)}` : ''}
        </li>
      ))}
    </ul>
  );
}

export function BackupsWarning({ backups, before }: { readonly backups: readonly Backup[]; readonly before: 'preview' | 'certificate' }): ReactNode {
  const { t, i18n } = useTranslation();
  if (backups.length === 0) return <p className="muted">{t('erasure.facts.noBackups')}</p>;
  const latest = [...backups].sort((a, b) => b.at.localeCompare(a.at))[0];
  return (
    <Notice tone="warning" testId="erasure-backups">
      {before === 'preview' ? t('erasure.preview.backups', { count: backups.length }) : t('erasure.certificate.backups', { count: backups.length })}
      {latest ? ` ${t('erasure.facts.latestBackup', { date: formatDateTime(latest.at, i18n.language) })}` : ''}
    </Notice>
  );
}

export function ScanView({ scan, scannedAt }: { readonly scan: ScanSummary | null; readonly scannedAt: string | null }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  if (scan === null)
    return (
      <p className="muted" data-testid="erasure-scan">
        {t('erasure.certificate.notScanned')}
      </p>
    );
  const hits = scan.tableHits + scan.pageHits + scan.fileHits;
  const facts: [string, string][] = [
    [t('erasure.certificate.scan.tables'), formatNumber(scan.tablesScanned, language)],
    [t('erasure.certificate.scan.rows'), formatNumber(scan.rowsScanned, language)],
    [t('erasure.certificate.scan.pages'), formatNumber(scan.pagesScanned, language)],
    [t('erasure.certificate.scan.files'), formatNumber(scan.filesScanned, language)],
    [t('erasure.certificate.scan.hits'), formatNumber(hits, language)],
    [t('erasure.certificate.scan.shared'), formatNumber(scan.shared, language)],
  ];
  return (
    <div className="stack" data-testid="erasure-scan" data-clean={scan.clean}>
      <p>
        <span className={`badge ${scan.clean ? 'badge-ok' : 'badge-overdue'}`}>
          {scan.clean ? t('erasure.certificate.scan.clean') : t('erasure.facts.notClean')}
        </span>
        {scannedAt !== null ? (
          <span className="muted small">
            {' '}
            · {t('erasure.certificate.scan.at')} {formatDateTime(scannedAt, language)}
          </span>
        ) : null}
      </p>
      <dl className="facts compact">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

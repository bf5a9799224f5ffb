/**
 * The people behind one finding, a page at a time: a purpose filter, a checkbox per consent (and one for
 * the page), each person's name opening their person view, the list as CSV (ids, purpose, state and dates,
 * no names), and the bulk action for the chosen consents or the whole finding.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReviewFinding, ReviewItem, ReviewSummary } from '../../../../main/api/contract';
import { api } from '../../api/client';
import { ErrorAlert, Notice } from '../../components/alert';
import { SelectField } from '../../components/field';
import { Pager } from '../../components/pager';
import { useApiData } from '../../hooks/use-api-data';
import { downloadText } from '../../lib/download';
import { formatDate, formatNumber } from '../../lib/format';
import type { Navigate } from '../../session/areas';
import { BulkDialog, type BulkScope } from './review-bulk-dialog';
import { purposeName } from './review-charts';

const PAGE = 50;
const EXPORT_LIMIT = 1000;

const pairKey = (item: { profileId: number; purpose: string }) => `${item.profileId}|${item.purpose}`;

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function reviewCsv(items: readonly ReviewItem[]): string {
  return ['profile,purpose,state,since,ends', ...items.map((item) => [item.profileId, item.purpose, item.state, item.since, item.lapsesAt].map(csvCell).join(','))].join('\n') + '\n';
}

interface Props {
  readonly finding: ReviewFinding;
  readonly expiringDays: number;
  readonly purposes: ReviewSummary['purposes'];
  readonly onNavigate: Navigate;
  readonly onChanged: () => void;
}

export function ReviewList({ finding, expiringDays, purposes, onNavigate, onChanged }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [purpose, setPurpose] = useState('');
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<ReadonlyMap<string, { profileId: number; purpose: string }>>(new Map());
  const [scope, setScope] = useState<BulkScope | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [exportError, setExportError] = useState<Parameters<typeof ErrorAlert>[0]['error']>(null);
  const filter = { finding, expiringDays, ...(purpose === '' ? {} : { purpose }) };
  const list = useApiData('consent.reviewList', { ...filter, offset, limit: PAGE });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const names = new Map(purposes.map((entry) => [entry.purpose, purposeName(entry, language)]));
  const title = t(`consentReview.findings.${finding}.title`, { count: expiringDays });
  const pageChosen = items.length > 0 && items.every((item) => selected.has(pairKey(item)));

  function toggle(item: ReviewItem): void {
    const next = new Map(selected);
    if (next.has(pairKey(item))) next.delete(pairKey(item));
    else next.set(pairKey(item), { profileId: item.profileId, purpose: item.purpose });
    setSelected(next);
  }

  function togglePage(): void {
    const next = new Map(selected);
    for (const item of items) {
      if (pageChosen) next.delete(pairKey(item));
      else next.set(pairKey(item), { profileId: item.profileId, purpose: item.purpose });
    }
    setSelected(next);
  }

  async function exportCsv(): Promise<void> {
    const result = await api.call('consent.reviewList', { ...filter, offset: 0, limit: EXPORT_LIMIT });
    if (!result.ok) {
      setExportError(result.error);
      return;
    }
    setExportError(null);
    downloadText(`${t('consentReview.list.fileName', { finding: t(`consentReview.findings.${finding}.file`) })}.csv`, reviewCsv(result.value.items));
  }

  return (
    <section className="card review-list" aria-labelledby="review-list-title" data-testid="review-list" data-finding={finding}>
      <h2 className="card-title" id="review-list-title">
        {title}
      </h2>
      <div className="toolbar">
        <SelectField
          label={t('consentReview.list.purpose')}
          value={purpose}
          onChange={(event) => {
            setPurpose(event.target.value);
            setOffset(0);
            setSelected(new Map());
          }}
        >
          <option value="">{t('consentReview.list.allPurposes')}</option>
          {purposes.map((entry) => (
            <option key={entry.purpose} value={entry.purpose}>
              {purposeName(entry, language)}
            </option>
          ))}
        </SelectField>
        <button type="button" className="button" disabled={selected.size === 0} onClick={() => setScope({ kind: 'selected', pairs: [...selected.values()] })} data-testid="review-act-selected">
          {t('consentReview.list.actSelected', { count: selected.size, formatted: formatNumber(selected.size, language) })}
        </button>
        <button type="button" className="button" disabled={total === 0} onClick={() => setScope({ kind: 'all', total })} data-testid="review-act-all">
          {t('consentReview.list.actAll', { count: total, formatted: formatNumber(total, language) })}
        </button>
        <button type="button" className="button" disabled={total === 0} onClick={() => void exportCsv()} data-testid="review-export">
          {t('consentReview.list.export')}
        </button>
      </div>
      {done !== null ? (
        <Notice tone="success" testId="review-done">
          {done}
        </Notice>
      ) : null}
      <ErrorAlert error={list.error ?? exportError} />
      {list.data !== null && total === 0 ? <p className="muted">{t('consentReview.list.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input type="checkbox" checked={pageChosen} onChange={togglePage} aria-label={t('consentReview.list.choosePage')} />
                </th>
                <th scope="col">{t('consentReview.list.person')}</th>
                <th scope="col">{t('consentReview.list.purpose')}</th>
                <th scope="col">{t('consentReview.list.state')}</th>
                <th scope="col">{t('consentReview.list.since')}</th>
                <th scope="col">{t('consentReview.list.ends')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => {
                const person = item.name === '' ? t('consentReview.list.personNumber', { id: item.profileId }) : item.name;
                return (
                  <tr key={pairKey(item)} data-testid="review-row" data-profile={item.profileId}>
                    <td>
                      <input type="checkbox" checked={selected.has(pairKey(item))} onChange={() => toggle(item)} aria-label={t('consentReview.list.choose', { person, purpose: names.get(item.purpose) ?? item.purpose })} />
                    </td>
                    <td>
                      <button type="button" className="link-button" onClick={() => onNavigate('profiles', { profileId: item.profileId })}>
                        {person}
                      </button>
                    </td>
                    <td>{names.get(item.purpose) ?? item.purpose}</td>
                    <td>{t(`consent.states.${item.state}`)}</td>
                    <td>{item.since === null ? '' : formatDate(item.since, language)}</td>
                    <td>{item.lapsesAt === null ? '' : formatDate(item.lapsesAt, language)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <Pager offset={offset} pageSize={PAGE} total={total} busy={list.loading} label={title} onOffset={setOffset} />
      {scope !== null ? (
        <BulkDialog
          finding={finding}
          expiringDays={expiringDays}
          purpose={purpose === '' ? undefined : purpose}
          scope={scope}
          onCancel={() => setScope(null)}
          onDone={(count, people) => {
            setScope(null);
            setSelected(new Map());
            setDone(t('consentReview.bulk.done', { count, formatted: formatNumber(count, language), people: formatNumber(people, language) }));
            list.reload();
            onChanged();
          }}
        />
      ) : null}
    </section>
  );
}

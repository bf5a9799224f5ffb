/** What a sweep's preview counted (the same words as a bulk erasure's), and who it left out and why. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { REMOVED_KINDS, type Removed, type SweepPreview } from '../../../../main/api/contract';
import { formatNumber } from '../../lib/format';
import { RemovedTable } from '../erasure/erasure-facts';
import { reasonWords } from './retention-text';

export function LeftOutList({ entries }: { readonly entries: readonly { readonly profileId: number; readonly reason: string }[] }): ReactNode {
  const { t } = useTranslation();
  if (entries.length === 0) return null;
  return (
    <ul className="stack" data-testid="sweep-refused">
      {entries.map((entry) => (
        <li key={entry.profileId} data-profile={entry.profileId} data-reason={entry.reason}>
          {t('retention.sweeps.leftRefused', { id: entry.profileId, reason: reasonWords(t, entry.reason) })}
        </li>
      ))}
    </ul>
  );
}

export function SweepFacts({ preview }: { readonly preview: SweepPreview }): ReactNode {
  const { t, i18n } = useTranslation();
  const n = (count: number) => ({ count, formatted: formatNumber(count, i18n.language) });
  // Every kind in the erasure's order, zeros included, so a sweep reads like any erasure's preview.
  const removed = Object.fromEntries(REMOVED_KINDS.map((kind) => [kind, preview.removed[kind] ?? 0])) as Removed;
  const { held, review, refused } = preview.left;
  return (
    <div className="stack" data-testid="sweep-preview" data-people={preview.people} data-sweep={preview.sweep.id}>
      <p>
        <strong data-testid="sweep-people">{t('retention.sweeps.people', n(preview.people))}</strong>
      </p>
      {preview.people > 0 ? (
        <>
          <RemovedTable removed={removed} caption={t('erasure.preview.removedHeading')} />
          <ul className="stack">
            <li data-testid="sweep-generalized" data-events={preview.generalizedEvents}>
              {t('erasure.bulk.generalized', n(preview.generalizedEvents))}
            </li>
            <li data-testid="sweep-kept" data-records={preview.keptRecords}>
              {t('erasure.bulk.kept', n(preview.keptRecords))}
            </li>
            <li data-testid="sweep-suppression" data-entries={preview.suppressionEntries}>
              {t('erasure.bulk.suppression', n(preview.suppressionEntries))}
            </li>
          </ul>
        </>
      ) : null}
      <h4 className="card-title">{t('retention.sweeps.leftHeading')}</h4>
      {held === 0 && review === 0 && refused.length === 0 ? (
        <p className="muted">{t('retention.sweeps.leftNone')}</p>
      ) : (
        <>
          <ul className="stack" data-testid="sweep-left">
            {held > 0 ? <li data-testid="sweep-left-held">{t('retention.sweeps.leftHeld', n(held))}</li> : null}
            {review > 0 ? <li data-testid="sweep-left-review">{t('retention.sweeps.leftReview', n(review))}</li> : null}
          </ul>
          <LeftOutList entries={refused} />
        </>
      )}
    </div>
  );
}

/**
 * Step 1 of an erasure: exactly what goes, what statistics keep, what the law keeps, what stops it. The
 * figures are the ones the commit will act on (the token binds them), so nothing here is an estimate.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErasurePreview } from '../../../../main/api/contract';
import { formatNumber } from '../../lib/format';
import { BackupsWarning, GeneralizedText, KeptList, RemovedTable } from './erasure-facts';
import { HoldLine } from './hold-line';
import { RecipientsView } from './recipients-view';

function Part({ title, children }: { readonly title: string; readonly children: ReactNode }): ReactNode {
  return (
    <section className="stack erasure-part">
      <h3 className="card-title">{title}</h3>
      {children}
    </section>
  );
}

export function PreviewView({ preview, sourceNames }: { readonly preview: ErasurePreview; readonly sourceNames: ReadonlyMap<number, string> }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <div className="stack" data-testid="erasure-preview" data-blocked={preview.blockedBy.length > 0}>
      {preview.blockedBy.length > 0 ? (
        <div className="alert alert-error" role="alert" data-testid="erasure-blocked">
          <strong>{t('erasure.preview.blocked', { count: preview.blockedBy.length })}</strong>
          <ul className="plain-list">
            {preview.blockedBy.map((hold) => (
              <li key={hold.id}>
                <HoldLine hold={hold} />
              </li>
            ))}
          </ul>
          <p className="small">{t('erasure.preview.blockedHint')}</p>
        </div>
      ) : null}
      <Part title={t('erasure.preview.removedHeading')}>
        <RemovedTable removed={preview.removed} caption={t('erasure.preview.removedHeading')} />
      </Part>
      <Part title={t('erasure.certificate.generalizedHeading')}>
        <GeneralizedText generalized={preview.generalized} k={preview.k} />
      </Part>
      <Part title={t('erasure.certificate.keptHeading')}>
        <KeptList kept={preview.kept} names={sourceNames} />
      </Part>
      <Part title={t('erasure.certificate.recipientsHeading')}>
        <RecipientsView recipients={preview.recipients} />
      </Part>
      <Part title={t('erasure.certificate.suppressionHeading')}>
        <p data-testid="erasure-suppression" data-count={preview.suppressionEntries}>
          {t('erasure.certificate.suppression', { count: preview.suppressionEntries })}
        </p>
      </Part>
      <Part title={t('erasure.preview.sharedHeading')}>
        <p data-testid="erasure-shared" data-count={preview.sharedWith}>
          {preview.sharedWith > 0
            ? t('erasure.preview.shared', { count: preview.sharedWith, formatted: formatNumber(preview.sharedWith, language) })
            : t('erasure.preview.sharedNone')}
        </p>
      </Part>
      <Part title={t('erasure.certificate.backupsHeading')}>
        <BackupsWarning backups={preview.backups} before="preview" />
      </Part>
    </div>
  );
}

/**
 * On a verified erasure request: one "Erase…" per person the request matched who is still active, each
 * erasure tied to the request (its certificate names it; the request's free text is redacted).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDetail } from '../../../../main/api/contract';
import { Section } from '../../components/section';
import { EraseButton } from './erase-panel';

export function ErasureRequestSection({
  request,
  onErased,
  onOpenCertificate,
}: {
  readonly request: RequestDetail;
  readonly onErased: () => void;
  readonly onOpenCertificate?: ((id: number) => void) | undefined;
}): ReactNode {
  const { t } = useTranslation();
  const active = [...new Set(request.matched.flatMap((entry) => (entry.currentProfileId === null ? [] : [entry.currentProfileId])))];
  return (
    <Section title={t('erasure.request.title')} description={t('erasure.request.description')} id="request-erasure">
      {active.length === 0 ? (
        <p className="muted" data-testid="request-erasure-none">
          {t('erasure.request.none')}
        </p>
      ) : (
        <ul className="stack" data-testid="request-erasure">
          {active.map((profileId) => (
            <li key={profileId} className="form-actions spread">
              <span>{t('erasure.screen.profileNumber', { id: profileId })}</span>
              <EraseButton
                profileId={profileId}
                requestId={request.id}
                name={t('erasure.screen.profileNumber', { id: profileId })}
                label={t('erasure.request.erase', { id: profileId })}
                small
                onErased={onErased}
                onOpenCertificate={onOpenCertificate}
              />
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

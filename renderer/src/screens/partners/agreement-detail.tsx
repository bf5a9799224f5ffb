/**
 * One agreement: its terms, its history (created, renewed, suspended, resumed, revoked, each with who and
 * why) and, for administrators, the acts that change it. Revoking is final: it asks twice, the second time
 * saying so.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { TextField } from '../../components/field';
import { Section } from '../../components/section';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime, formatWhen } from '../../lib/format';
import { purposeName } from '../../lib/purpose-name';
import { usePurposeCatalog } from '../../session/purpose-catalog';
import { fieldName } from './agreement-form';
import { DaysLeft, LeaseChip } from './lease-chip';
import { windowText } from './partners-text';

type Act = 'renew' | 'suspend' | 'resume' | 'revoke';

function Terms({ agreement }: { readonly agreement: Agreement }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { purposes } = usePurposeCatalog();
  const delivery = agreement.delivery;
  return (
    <dl className="facts" data-testid="agreement-terms">
      <div>
        <dt>{t('partners.screens.agreements.partner')}</dt>
        <dd>{agreement.partnerName}</dd>
      </div>
      <div>
        <dt>{t('partners.screens.agreements.state')}</dt>
        <dd>
          <LeaseChip agreement={agreement} /> <DaysLeft agreement={agreement} />
        </dd>
      </div>
      <div>
        <dt>{t('partners.screens.agreements.validity')}</dt>
        <dd>{t('partners.screens.agreements.fromTo', { from: formatWhen(agreement.validFrom, language), to: formatWhen(agreement.validTo, language) })}</dd>
      </div>
      <div>
        <dt>{t('partners.screens.sign.purposes')}</dt>
        <dd>
          {agreement.purposes
            .map((code) =>
              purposeName(
                purposes?.find((purpose) => purpose.code === code),
                code,
                language,
              ),
            )
            .join(', ')}
        </dd>
      </div>
      <div>
        <dt>{t('partners.screens.sign.basis')}</dt>
        <dd>{t(`lawfulBasis.${agreement.basis}`)}</dd>
      </div>
      <div>
        <dt>{t('partners.screens.sign.fields')}</dt>
        <dd data-testid="agreement-fields-list">{agreement.fields.map((field) => fieldName(t, field)).join(', ')}</dd>
      </div>
      <div>
        <dt>{t('partners.screens.sign.window')}</dt>
        <dd>
          {agreement.window === null
            ? t('partners.screens.agreements.anyTime')
            : windowText(agreement.window, (day) => t(`partners.screens.weekdaysShort.${String(day)}`))}
        </dd>
      </div>
      <div>
        <dt>{t('partners.screens.agreements.extractsThisMonth')}</dt>
        <dd>
          {agreement.maxPerMonth === null
            ? agreement.extractsThisMonth
            : t('partners.screens.agreements.ofMax', { count: agreement.extractsThisMonth, max: agreement.maxPerMonth })}
        </dd>
      </div>
      <div>
        <dt>{t('partners.screens.agreements.erasuresNotified')}</dt>
        <dd data-testid="agreement-erasures-notified">
          {agreement.erasuresNotified === 0
            ? t('partners.screens.agreements.noErasure')
            : t('partners.screens.agreements.erasures', { count: agreement.erasuresNotified })}
        </dd>
      </div>
      <div>
        <dt>{t('partners.screens.sign.delivery')}</dt>
        <dd>
          {delivery.kind === 'folder' ? (
            <>
              {t('partners.screens.delivery.folder')} <code>{delivery.folder}</code>
            </>
          ) : (
            <>
              {t('partners.screens.delivery.sftp')}{' '}
              <code>
                {delivery.target.username}@{delivery.target.host}:{delivery.target.port}
                {delivery.target.path}
              </code>{' '}
              <span className="muted small">{delivery.target.hostKey}</span>{' '}
              {delivery.credential === null ? t('partners.screens.agreements.noCredential') : t('partners.screens.agreements.credentialStored')}
            </>
          )}
        </dd>
      </div>
      {agreement.legalRef !== null ? (
        <div>
          <dt>{t('partners.screens.sign.legalRef')}</dt>
          <dd>{agreement.legalRef}</dd>
        </div>
      ) : null}
      {agreement.document !== null ? (
        <div>
          <dt>{t('partners.screens.sign.document')}</dt>
          <dd>{agreement.document}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('partners.screens.sign.noticeDays')}</dt>
        <dd>{t('partners.screens.agreements.days', { count: agreement.noticeDays })}</dd>
      </div>
    </dl>
  );
}

function History({ agreement }: { readonly agreement: Agreement }): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <ol className="stack" data-testid="agreement-events">
      {agreement.events.map((event, index) => (
        <li key={`${event.at}-${String(index)}`} data-kind={event.kind}>
          <strong>{t(`partners.screens.events.${event.kind}`)}</strong> · {formatDateTime(event.at, i18n.language)}
          {event.by !== null ? ` · ${event.by}` : ''}
          {event.validTo !== null ? ` · ${t('partners.screens.agreements.until', { date: formatWhen(event.validTo, i18n.language) })}` : ''}
          {event.reason !== null ? <div className="muted small">{event.reason}</div> : null}
        </li>
      ))}
    </ol>
  );
}

export function AgreementDetail({
  id,
  canEdit,
  onBack,
  onChanged,
}: {
  readonly id: number;
  readonly canEdit: boolean;
  readonly onBack: () => void;
  readonly onChanged: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const loaded = useApiData('agreements.get', { id });
  const [current, setCurrent] = useState<Agreement | null>(null);
  const agreement = current ?? loaded.data;
  const renew = useApiAction('agreements.renew');
  const suspend = useApiAction('agreements.suspend');
  const resume = useApiAction('agreements.resume');
  const revoke = useApiAction('agreements.revoke');
  const [act, setAct] = useState<Act | null>(null);
  // Revoking asks twice: the reason first, then a last word that it cannot be undone.
  const [revokeFinal, setRevokeFinal] = useState(false);
  const [reason, setReason] = useState('');
  const [validTo, setValidTo] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const actions = { renew, suspend, resume, revoke } as const;
  const action = act === null ? null : actions[act];

  function close(): void {
    setAct(null);
    setRevokeFinal(false);
    setReason('');
    setValidTo('');
    for (const entry of Object.values(actions)) entry.clearError();
  }

  async function perform(): Promise<void> {
    if (agreement === null || act === null) return;
    const why = reason.trim();
    if (act === 'revoke' && !revokeFinal) {
      setRevokeFinal(true);
      return;
    }
    const result =
      act === 'renew'
        ? await renew.run({ id: agreement.id, validTo, ...(why === '' ? {} : { reason: why }) })
        : act === 'suspend'
          ? await suspend.run({ id: agreement.id, reason: why })
          : act === 'resume'
            ? await resume.run({ id: agreement.id, ...(why === '' ? {} : { reason: why }) })
            : await revoke.run({ id: agreement.id, reason: why });
    if (!result.ok) return;
    setCurrent(result.value);
    setNotice(t(`partners.screens.acts.done.${act}`, { id: agreement.id }));
    close();
    onChanged();
  }

  const reasonRequired = act === 'suspend' || act === 'revoke';
  const ready = act !== null && (!reasonRequired || reason.trim() !== '') && (act !== 'renew' || validTo !== '');
  const open = (next: Act): void => {
    setNotice(null);
    setAct(next);
  };

  return (
    <div className="stack" data-testid="agreement-detail" data-id={id}>
      <div>
        <button type="button" className="button button-small" onClick={onBack}>
          ← {t('partners.screens.agreements.back')}
        </button>
      </div>
      <ErrorAlert error={loaded.error} />
      {agreement === null ? null : (
        <>
          <Section title={t('partners.screens.agreements.titleNumbered', { id: agreement.id, title: agreement.title })} id="agreement-detail">
            {notice !== null ? (
              <Notice tone="success" testId="agreement-act-notice">
                {notice}
              </Notice>
            ) : null}
            <Terms agreement={agreement} />
            {canEdit && agreement.status !== 'revoked' ? (
              <div className="form-actions start" data-testid="agreement-acts">
                <button type="button" className="button" onClick={() => open('renew')}>
                  {t('partners.screens.acts.renew')}
                </button>
                {agreement.status === 'suspended' ? (
                  <button type="button" className="button" onClick={() => open('resume')}>
                    {t('partners.screens.acts.resume')}
                  </button>
                ) : (
                  <button type="button" className="button" onClick={() => open('suspend')}>
                    {t('partners.screens.acts.suspend')}
                  </button>
                )}
                <button type="button" className="button button-danger-quiet" onClick={() => open('revoke')}>
                  {t('partners.screens.acts.revoke')}
                </button>
              </div>
            ) : null}
          </Section>
          <Section title={t('partners.screens.agreements.history')} id="agreement-history">
            <History agreement={agreement} />
          </Section>
          <ConfirmDialog
            open={act !== null}
            title={act === null ? '' : t(`partners.screens.acts.titles.${revokeFinal ? 'revokeFinal' : act}`, { id: agreement.id, title: agreement.title })}
            confirmLabel={act === null ? '' : t(`partners.screens.acts.confirm.${revokeFinal ? 'revokeFinal' : act}`)}
            busy={action?.busy ?? false}
            danger={act === 'revoke'}
            onConfirm={() => {
              if (ready) void perform();
            }}
            onCancel={close}
          >
            {act !== null ? <p>{t(`partners.screens.acts.texts.${revokeFinal ? 'revokeFinal' : act}`)}</p> : null}
            {act === 'renew' ? (
              <TextField
                type="date"
                label={t('partners.screens.acts.newValidTo')}
                value={validTo}
                onChange={(event) => setValidTo(event.target.value)}
                name="validTo"
              />
            ) : null}
            {act !== null && !revokeFinal ? (
              <TextField
                label={reasonRequired ? t('partners.screens.acts.reason') : t('partners.screens.acts.reasonOptional')}
                value={reason}
                maxLength={500}
                onChange={(event) => setReason(event.target.value)}
                name="reason"
              />
            ) : null}
            {act !== null && !ready ? <p className="muted small">{t('partners.screens.acts.fillIn')}</p> : null}
            <ErrorAlert error={action?.error ?? null} />
          </ConfirmDialog>
        </>
      )}
    </div>
  );
}

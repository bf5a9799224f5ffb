/**
 * One request: its deadline, how the requester's identity was verified, the people matched, and (for
 * stewards and administrators) verify, match, extend and close. Auditors read it without the requester.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REQUEST_OUTCOMES,
  VERIFICATION_IDENTIFIERS,
  type RequestDetail as Detail,
  type RequestOutcome,
  type VerificationIdentifier,
} from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { SelectField, TextField } from '../../components/field';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { api } from '../../api/client';
import { useApiAction } from '../../hooks/use-action';
import { ErasureRequestSection } from '../erasure/erasure-request-section';
import { formatDateTime, formatWhen } from '../../lib/format';
import { deadlineText } from './request-text';
import { PackagePanel } from './package-panel';
import { PersonPicker } from './person-picker';

function VerifyForm({ request, onDone }: { readonly request: Detail; readonly onDone: (request: Detail) => void }): ReactNode {
  const { t } = useTranslation();
  const verify = useApiAction('requests.verify');
  const [method, setMethod] = useState('');
  const [identifiers, setIdentifiers] = useState<VerificationIdentifier[]>([]);
  const [document, setDocument] = useState('');
  const [people, setPeople] = useState<number[]>([]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const result = await verify.run({ id: request.id, method, identifiers, document: document.trim() === '' ? undefined : document, profileIds: people });
    if (result.ok) onDone(result.value);
  }

  return (
    <Section title={t('requests.verify.title')} id="request-verify">
      <form className="stack" onSubmit={(event) => void submit(event)} data-testid="request-verify-form">
        <TextField
          label={t('requests.verify.method')}
          hint={t('requests.verify.methodHint')}
          value={method}
          onChange={(event) => setMethod(event.target.value)}
          required
          maxLength={200}
          name="method"
        />
        <fieldset className="choice-group">
          <legend>{t('requests.verify.identifiers')}</legend>
          {VERIFICATION_IDENTIFIERS.map((identifier) => (
            <label key={identifier} className="checkbox">
              <input
                type="checkbox"
                name="identifiers"
                value={identifier}
                checked={identifiers.includes(identifier)}
                onChange={() =>
                  setIdentifiers(identifiers.includes(identifier) ? identifiers.filter((entry) => entry !== identifier) : [...identifiers, identifier])
                }
              />
              {t(`requests.identifiers.${identifier}`)}
            </label>
          ))}
        </fieldset>
        <TextField
          label={t('requests.verify.document')}
          hint={t('requests.verify.documentHint')}
          value={document}
          onChange={(event) => setDocument(event.target.value)}
          maxLength={200}
          name="document"
        />
        <PersonPicker selected={people} onChange={setPeople} />
        {identifiers.length === 0 ? <p className="muted small">{t('requests.verify.needIdentifier')}</p> : null}
        <ErrorAlert error={verify.error} />
        <div className="form-actions start">
          <SubmitButton busy={verify.busy} disabled={method.trim() === '' || identifiers.length === 0}>
            {t('requests.verify.submit')}
          </SubmitButton>
        </div>
      </form>
    </Section>
  );
}

function MatchForm({ request, onDone }: { readonly request: Detail; readonly onDone: (request: Detail) => void }): ReactNode {
  const { t } = useTranslation();
  const match = useApiAction('requests.match');
  const [people, setPeople] = useState<number[]>([]);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const result = await match.run({ id: request.id, profileIds: people });
    if (result.ok) {
      setPeople([]);
      onDone(result.value);
    }
  }

  return (
    <Section title={t('requests.match.title')} id="request-match">
      <form className="stack" onSubmit={(event) => void submit(event)} data-testid="request-match-form">
        <PersonPicker selected={people} onChange={setPeople} />
        <ErrorAlert error={match.error} />
        <div className="form-actions start">
          <SubmitButton busy={match.busy} disabled={people.length === 0}>
            {t('requests.match.submit')}
          </SubmitButton>
        </div>
      </form>
    </Section>
  );
}

function ExtendForm({ request, onDone }: { readonly request: Detail; readonly onDone: (request: Detail) => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const extend = useApiAction('requests.extend');
  const [reason, setReason] = useState('');

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const result = await extend.run({ id: request.id, reason });
    if (result.ok) onDone(result.value);
  }

  return (
    <Section title={t('requests.extend.title')} id="request-extend">
      {request.extensionRefused !== null || request.extensionUntil === null ? (
        <p className="muted" data-testid="request-extend-refused">
          {t(`requests.extend.refused.${request.extensionRefused ?? 'notAllowed'}`)}
        </p>
      ) : (
        <form className="stack" onSubmit={(event) => void submit(event)} data-testid="request-extend-form">
          <TextField
            label={t('requests.extend.reason')}
            hint={t('requests.extend.reasonHint')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required
            maxLength={500}
            name="reason"
          />
          <ErrorAlert error={extend.error} />
          <div className="form-actions start">
            <SubmitButton busy={extend.busy} disabled={reason.trim() === ''}>
              {t('requests.extend.submit', { date: formatWhen(request.extensionUntil, i18n.language) })}
            </SubmitButton>
          </div>
        </form>
      )}
    </Section>
  );
}

function CloseForm({ request, onDone }: { readonly request: Detail; readonly onDone: (request: Detail) => void }): ReactNode {
  const { t } = useTranslation();
  const close = useApiAction('requests.close');
  const verified = request.status === 'verified';
  const outcomes = REQUEST_OUTCOMES.filter((outcome) => verified || (outcome !== 'fulfilled' && outcome !== 'partially_fulfilled'));
  const [outcome, setOutcome] = useState<RequestOutcome>(outcomes[0]!);
  const [note, setNote] = useState('');

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const result = await close.run({ id: request.id, outcome, note: note.trim() === '' ? undefined : note });
    if (result.ok) onDone(result.value);
  }

  return (
    <Section title={t('requests.close.title')} id="request-close" description={verified ? undefined : t('requests.close.needVerified')}>
      <form className="stack" onSubmit={(event) => void submit(event)} data-testid="request-close-form">
        <SelectField label={t('requests.close.outcome')} value={outcome} onChange={(event) => setOutcome(event.target.value as RequestOutcome)} name="outcome">
          {outcomes.map((entry) => (
            <option key={entry} value={entry}>
              {t(`requests.outcomes.${entry}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('requests.close.note')} value={note} onChange={(event) => setNote(event.target.value)} maxLength={1000} name="note" />
        <ErrorAlert error={close.error} />
        <div className="form-actions start">
          <SubmitButton busy={close.busy}>{t('requests.close.submit')}</SubmitButton>
        </div>
      </form>
    </Section>
  );
}

export function RequestDetailView({
  request,
  canAct,
  onChanged,
  onBack,
  onOpenCertificate,
}: {
  readonly request: Detail;
  readonly canAct: boolean;
  readonly onChanged: (request: Detail) => void;
  readonly onBack: () => void;
  readonly onOpenCertificate?: ((id: number) => void) | undefined;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const open = request.status !== 'closed';
  return (
    <div className="stack" data-testid="request-detail" data-status={request.status}>
      <div>
        <button type="button" className="link-button" onClick={onBack}>
          {t('requests.detail.back')}
        </button>
      </div>
      <Section title={t('requests.detail.title', { id: request.id, type: t(`requests.types.${request.type}`) })} id="request-facts">
        <dl className="facts">
          <div>
            <dt>{t('requests.detail.requester')}</dt>
            <dd data-testid="request-requester">{request.requesterName ?? t('requests.hidden')}</dd>
          </div>
          {request.contact !== null ? (
            <div>
              <dt>{t('requests.detail.contact')}</dt>
              <dd>{request.contact}</dd>
            </div>
          ) : null}
          {request.channel !== null ? (
            <div>
              <dt>{t('requests.detail.channel')}</dt>
              <dd>{request.channel}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('requests.columns.jurisdiction')}</dt>
            <dd>{t(`requests.jurisdictions.${request.jurisdiction}`)}</dd>
          </div>
          <div>
            <dt>{t('requests.detail.received')}</dt>
            <dd>{formatWhen(request.receivedOn, language)}</dd>
          </div>
          <div>
            <dt>{t('requests.detail.deadline')}</dt>
            <dd data-testid="request-deadline" className={request.overdue ? 'text-danger' : undefined}>
              {formatWhen(request.deadline, language)} · <strong>{deadlineText(t, request, language)}</strong>
            </dd>
          </div>
          {request.extendedDueOn !== null ? (
            <div>
              <dt>{t('requests.detail.firstDeadline')}</dt>
              <dd data-testid="request-extended">
                {formatWhen(request.dueOn, language)} ·{' '}
                {t('requests.detail.extendedTo', {
                  date: formatWhen(request.extendedDueOn, language),
                  user: request.extendedBy ?? '',
                  reason: request.extensionReason ?? t('requests.hidden'),
                })}
              </dd>
            </div>
          ) : null}
          <div>
            <dt>{t('requests.detail.legalSource')}</dt>
            <dd data-testid="request-legal-source">{t(`requests.legalSources.${request.legalRule}`)}</dd>
          </div>
          <div>
            <dt>{t('requests.detail.status')}</dt>
            <dd data-testid="request-status">{t(`requests.statuses.${request.status}`)}</dd>
          </div>
          {request.outcome !== null ? (
            <div>
              <dt>{t('requests.detail.outcome')}</dt>
              <dd data-testid="request-outcome">
                {t(`requests.outcomes.${request.outcome}`)}
                {request.outcomeNote !== null ? ` · ${request.outcomeNote}` : ''} ·{' '}
                {t('requests.detail.closedBy', {
                  user: request.closedBy ?? '',
                  date: request.closedAt === null ? '' : formatDateTime(request.closedAt, language),
                })}
              </dd>
            </div>
          ) : null}
        </dl>
        <p className="muted small">
          {t('requests.detail.createdBy', { user: request.createdBy, date: formatDateTime(request.createdAt, language) })} ·{' '}
          {t('requests.detail.timeZone', { zone: request.timeZone })}
        </p>
      </Section>
      <Section title={t('requests.detail.verifications')} id="request-verifications">
        {request.verifications.length === 0 ? <p className="muted">{t('requests.detail.notVerified')}</p> : null}
        <ul className="stack" data-testid="request-verifications">
          {request.verifications.map((entry) => (
            <li key={entry.id}>
              {t('requests.detail.verification', {
                date: formatDateTime(entry.verifiedAt, language),
                user: entry.verifiedBy,
                method: entry.method ?? t('requests.hidden'),
              })}
              <br />
              <span className="muted small">
                {entry.identifiers.length === 0
                  ? t('requests.detail.identifiersNotStated')
                  : t('requests.detail.identifiersMatched', {
                      list: entry.identifiers.map((identifier) => t(`requests.identifiers.${identifier}`)).join(', '),
                    })}
                {entry.document !== null ? ` · ${t('requests.detail.document', { document: entry.document })}` : ''}
              </span>
            </li>
          ))}
        </ul>
        <h3 className="card-title">{t('requests.detail.matched')}</h3>
        {request.matched.length === 0 ? <p className="muted">{t('requests.detail.noMatch')}</p> : null}
        <ul className="stack" data-testid="request-matched">
          {request.matched.map((entry) => (
            <li key={entry.profileId} data-profile={entry.profileId}>
              {t('requests.detail.matchedProfile', { id: entry.profileId })}
              {entry.currentProfileId === null
                ? ` (${t('requests.detail.inactive')})`
                : entry.currentProfileId !== entry.profileId
                  ? ` (${t('requests.detail.redirected', { id: entry.currentProfileId })})`
                  : ''}{' '}
              · <span className="muted">{t('requests.detail.records', { count: entry.records.length })}</span>
            </li>
          ))}
        </ul>
      </Section>
      <PackagePanel request={request} canAct={canAct} />
      {canAct && request.type === 'erasure' && request.status === 'verified' ? (
        <ErasureRequestSection
          request={request}
          // The erased person is no longer active on the request: it is read again to say so.
          onErased={() =>
            void api.call('requests.get', { id: request.id }).then((result) => {
              if (result.ok) onChanged(result.value);
            })
          }
          onOpenCertificate={onOpenCertificate}
        />
      ) : null}
      {canAct && open ? (
        <>
          {request.status === 'open' ? <VerifyForm request={request} onDone={onChanged} /> : <MatchForm request={request} onDone={onChanged} />}
          <ExtendForm request={request} onDone={onChanged} />
          <CloseForm request={request} onDone={onChanged} />
        </>
      ) : null}
    </div>
  );
}

/**
 * Legal holds: a hold on a person (litigation, audit, a legal obligation) stops their erasure and suspends
 * their retention until released; a legal-obligation hold on a source keeps that source's records of an
 * erased person (invoices kept for tax law) until its date.
 * Administrators and stewards place and release them; auditors read them (a person's hold without its reason).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegalHold } from '../../../../main/api/contract';
import { Notice } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { SelectField, TextField } from '../../components/field';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime, formatWhen } from '../../lib/format';
import { ErasureErrorAlert } from './erasure-error';
import { HoldLine } from './hold-line';

/** What the form offers: every kind on a person, and a legal obligation on a source. */
const FORM_KINDS = ['litigation', 'audit', 'person_obligation', 'legal_obligation'] as const;
type FormKind = (typeof FORM_KINDS)[number];

function PlaceHoldForm({ onPlaced }: { readonly onPlaced: (hold: LegalHold) => void }): ReactNode {
  const { t } = useTranslation();
  const place = useApiAction('erasure.placeHold');
  const sources = useApiData('sources.list', {});
  const [kind, setKind] = useState<FormKind>('litigation');
  const [profile, setProfile] = useState('');
  const [source, setSource] = useState('');
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState('');
  const [until, setUntil] = useState('');
  const profileId = /^\d+$/.test(profile.trim()) ? Number(profile.trim()) : null;
  const sourceId = source === '' ? null : Number(source);
  const onSource = kind === 'legal_obligation';
  const target = onSource ? sourceId : profileId;
  const ready = target !== null && target > 0 && reason.trim() !== '';

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!ready) return;
    const extra = { reason: reason.trim(), ...(reference.trim() === '' ? {} : { reference: reference.trim() }), ...(until === '' ? {} : { until }) };
    const result = await place.run(
      onSource ? { kind, sourceId: target, ...extra } : { kind: kind === 'person_obligation' ? 'legal_obligation' : kind, profileId: target, ...extra },
    );
    if (!result.ok) return;
    setProfile('');
    setSource('');
    setReason('');
    setReference('');
    setUntil('');
    onPlaced(result.value);
  }

  return (
    <Section title={t('erasure.holds.placeTitle')} description={t('erasure.holds.placeDescription')} id="erasure-place-hold">
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('erasure.holds.placeTitle')} data-testid="erasure-hold-form">
        <fieldset className="choice-group">
          <legend>{t('erasure.holds.kind')}</legend>
          {FORM_KINDS.map((entry) => (
            <label key={entry} className="checkbox">
              <input type="radio" name="hold-kind" value={entry} checked={kind === entry} onChange={() => setKind(entry)} disabled={place.busy} />
              <span>
                {t(`erasure.holds.kinds.${entry}`)}
                <br />
                <span className="muted small">{t(`erasure.holds.kindHints.${entry}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {!onSource ? (
          <TextField
            label={t('erasure.holds.profile')}
            hint={t('erasure.holds.profileHint')}
            value={profile}
            inputMode="numeric"
            onChange={(event) => setProfile(event.target.value)}
            disabled={place.busy}
            name="profileId"
            error={profile.trim() !== '' && profileId === null ? t('erasure.holds.profileInvalid') : null}
          />
        ) : (
          <SelectField
            label={t('erasure.holds.source')}
            value={source}
            onChange={(event) => setSource(event.target.value)}
            disabled={place.busy}
            name="sourceId"
          >
            <option value="">{t('erasure.holds.chooseSource')}</option>
            {(sources.data ?? []).map((entry) => (
              <option key={entry.id} value={String(entry.id)}>
                {entry.name}
              </option>
            ))}
          </SelectField>
        )}
        <TextField
          label={t('erasure.holds.reason')}
          hint={t(onSource ? 'erasure.holds.reasonHintObligation' : 'erasure.holds.reasonHintLitigation')}
          value={reason}
          maxLength={500}
          onChange={(event) => setReason(event.target.value)}
          disabled={place.busy}
          name="reason"
          required
        />
        <div className="form-row">
          <TextField
            label={t('erasure.holds.reference')}
            value={reference}
            maxLength={200}
            onChange={(event) => setReference(event.target.value)}
            disabled={place.busy}
            name="reference"
          />
          <TextField
            type="date"
            label={t('erasure.holds.until')}
            hint={t('erasure.holds.untilHint')}
            value={until}
            onChange={(event) => setUntil(event.target.value)}
            disabled={place.busy}
            name="until"
          />
        </div>
        <ErasureErrorAlert error={place.error} />
        <div className="form-actions start">
          <SubmitButton busy={place.busy} disabled={!ready}>
            {t('erasure.holds.place')}
          </SubmitButton>
        </div>
      </form>
    </Section>
  );
}

function HoldsTable({
  holds,
  canAct,
  onRelease,
}: {
  readonly holds: readonly LegalHold[];
  readonly canAct: boolean;
  readonly onRelease: (hold: LegalHold) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="erasure-holds">
        <caption className="visually-hidden">{t('erasure.screen.holdsTab')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('erasure.holds.columns.hold')}</th>
            <th scope="col">{t('erasure.holds.columns.on')}</th>
            <th scope="col">{t('erasure.holds.reason')}</th>
            <th scope="col">{t('erasure.holds.reference')}</th>
            <th scope="col">{t('erasure.holds.until')}</th>
            <th scope="col">{t('erasure.holds.columns.placed')}</th>
            <th scope="col">{t('erasure.holds.columns.state')}</th>
          </tr>
        </thead>
        <tbody>
          {holds.map((hold) => (
            <tr key={hold.id} data-testid="erasure-hold-row" data-id={hold.id} data-kind={hold.kind} data-released={hold.releasedAt !== null}>
              <th scope="row">{t('erasure.holds.title', { id: hold.id, kind: t(`erasure.holds.kinds.${hold.kind}`) })}</th>
              <td>
                {hold.profileId !== null
                  ? t('erasure.holds.onProfile', { id: hold.profileId })
                  : t('erasure.holds.onSource', { source: hold.sourceName ?? t('erasure.facts.sourceNumber', { id: hold.sourceId ?? 0 }) })}
              </td>
              <td>{hold.reason ?? <span className="muted">{t('erasure.holds.reasonHidden')}</span>}</td>
              <td>{hold.reference ?? ''}</td>
              <td>{hold.until === null ? <span className="muted">{t('erasure.holds.noEnd')}</span> : formatWhen(hold.until, language)}</td>
              <td>{t('erasure.holds.placedBy', { user: hold.createdBy, date: formatDateTime(hold.createdAt, language) })}</td>
              <td>
                {hold.releasedAt !== null ? (
                  t('erasure.holds.releasedBy', { user: hold.releasedBy ?? '', date: formatDateTime(hold.releasedAt, language) })
                ) : canAct ? (
                  <button
                    type="button"
                    className="button button-small button-danger-quiet"
                    onClick={() => onRelease(hold)}
                    aria-label={t('erasure.holds.releaseNamed', { id: hold.id })}
                  >
                    {t('erasure.holds.release')}
                  </button>
                ) : (
                  t('erasure.holds.active')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HoldsPanel({ canAct }: { readonly canAct: boolean }): ReactNode {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const holds = useApiData('erasure.holds', { active: !showAll });
  const release = useApiAction('erasure.releaseHold');
  const [releasing, setReleasing] = useState<LegalHold | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function confirmRelease(): Promise<void> {
    if (releasing === null) return;
    const result = await release.run({ id: releasing.id });
    if (!result.ok) return;
    setReleasing(null);
    setNotice(t('erasure.holds.released', { id: result.value.id }));
    holds.reload();
  }

  return (
    <div className="stack" data-testid="erasure-holds-panel">
      <p className="lead">{t('erasure.holds.intro')}</p>
      {notice !== null ? (
        <Notice tone="success" testId="erasure-hold-notice">
          {notice}
        </Notice>
      ) : null}
      <div className="form-actions start">
        <SelectField
          label={t('erasure.holds.filter')}
          value={showAll ? 'all' : 'active'}
          onChange={(event) => setShowAll(event.target.value === 'all')}
          name="holds-filter"
        >
          <option value="active">{t('erasure.holds.filterActive')}</option>
          <option value="all">{t('erasure.holds.filterAll')}</option>
        </SelectField>
      </div>
      <ErasureErrorAlert error={holds.error} />
      {holds.data === null ? null : holds.data.length === 0 ? (
        <p className="muted" data-testid="erasure-holds-none">
          {t(showAll ? 'erasure.holds.noneAtAll' : 'erasure.holds.none')}
        </p>
      ) : (
        <HoldsTable holds={holds.data} canAct={canAct} onRelease={setReleasing} />
      )}
      {canAct ? (
        <PlaceHoldForm
          onPlaced={(hold) => {
            setNotice(t('erasure.holds.placed', { id: hold.id }));
            holds.reload();
          }}
        />
      ) : null}
      <ConfirmDialog
        open={releasing !== null}
        title={t('erasure.holds.releaseTitle', { id: releasing?.id ?? 0 })}
        confirmLabel={t('erasure.holds.release')}
        busy={release.busy}
        danger
        onConfirm={() => void confirmRelease()}
        onCancel={() => {
          setReleasing(null);
          release.clearError();
        }}
      >
        {releasing !== null ? (
          <p>
            <HoldLine hold={releasing} />
          </p>
        ) : null}
        <p>{t(releasing?.kind === 'legal_obligation' ? 'erasure.holds.releaseTextObligation' : 'erasure.holds.releaseTextLitigation')}</p>
        <ErasureErrorAlert error={release.error} />
      </ConfirmDialog>
    </div>
  );
}

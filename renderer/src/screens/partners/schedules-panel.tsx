/**
 * Schedules: extracts that run by themselves (daily or weekly, at a time) while the app is open or from
 * `custodia partners run-due`; each run checks the lease and the consents again. Administrators add and
 * remove them; the last outcome says whether the lease refused.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExtractFormat, Schedule } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { SelectField, TextField } from '../../components/field';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime } from '../../lib/format';
import { AudienceFields } from './audience-fields';
import { audienceOf, EMPTY_AUDIENCE, type AudienceDraft } from './partners-text';

function AddScheduleForm({ onAdded }: { readonly onAdded: (schedule: Schedule) => void }): ReactNode {
  const { t } = useTranslation();
  const add = useApiAction('schedules.add');
  const agreements = useApiData('agreements.list', {});
  const [agreementId, setAgreementId] = useState('');
  const [every, setEvery] = useState<'daily' | 'weekly'>('weekly');
  const [weekday, setWeekday] = useState('1');
  const [atTime, setAtTime] = useState('06:00');
  const [format, setFormat] = useState<ExtractFormat>('csv');
  const [draft, setDraft] = useState<AudienceDraft>(EMPTY_AUDIENCE);
  const checked = audienceOf(draft);
  const timeValid = /^([01]\d|2[0-3]):[0-5]\d$/.test(atTime);
  const ready = agreementId !== '' && timeValid && 'audience' in checked;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!ready || !('audience' in checked)) return;
    const result = await add.run({
      agreementId: Number(agreementId),
      every,
      ...(every === 'weekly' ? { weekday: Number(weekday) } : {}),
      atTime,
      audience: checked.audience,
      format,
    });
    if (!result.ok) return;
    setDraft(EMPTY_AUDIENCE);
    onAdded(result.value);
  }

  return (
    <Section title={t('partners.screens.schedules.addTitle')} description={t('partners.screens.schedules.addDescription')} id="schedule-add">
      <form
        className="form"
        onSubmit={(event) => void submit(event)}
        noValidate
        aria-label={t('partners.screens.schedules.addTitle')}
        data-testid="schedule-form"
      >
        <SelectField
          label={t('partners.screens.extract.agreement')}
          value={agreementId}
          onChange={(event) => setAgreementId(event.target.value)}
          disabled={add.busy}
          name="agreementId"
        >
          <option value="">{t('partners.screens.extract.chooseAgreement')}</option>
          {(agreements.data ?? [])
            .filter((agreement) => agreement.state !== 'revoked')
            .map((agreement) => (
              <option key={agreement.id} value={String(agreement.id)}>
                {t('partners.screens.agreements.titleNumbered', { id: agreement.id, title: agreement.title })} · {agreement.partnerName}
              </option>
            ))}
        </SelectField>
        <div className="field-row">
          <SelectField
            label={t('partners.screens.schedules.every')}
            value={every}
            onChange={(event) => setEvery(event.target.value === 'daily' ? 'daily' : 'weekly')}
            disabled={add.busy}
            name="every"
          >
            <option value="daily">{t('partners.screens.schedules.daily')}</option>
            <option value="weekly">{t('partners.screens.schedules.weekly')}</option>
          </SelectField>
          {every === 'weekly' ? (
            <SelectField
              label={t('partners.screens.schedules.weekday')}
              value={weekday}
              onChange={(event) => setWeekday(event.target.value)}
              disabled={add.busy}
              name="weekday"
            >
              {[1, 2, 3, 4, 5, 6, 7].map((day) => (
                <option key={day} value={String(day)}>
                  {t(`partners.screens.weekdays.${String(day)}`)}
                </option>
              ))}
            </SelectField>
          ) : null}
          <TextField
            type="time"
            label={t('partners.screens.schedules.atTime')}
            value={atTime}
            onChange={(event) => setAtTime(event.target.value)}
            disabled={add.busy}
            name="atTime"
            error={timeValid ? null : t('partners.screens.schedules.timeInvalid')}
          />
          <SelectField
            label={t('partners.screens.produce.format')}
            value={format}
            onChange={(event) => setFormat(event.target.value === 'json' ? 'json' : 'csv')}
            disabled={add.busy}
            name="format"
          >
            <option value="csv">CSV</option>
            <option value="json">JSON</option>
          </SelectField>
        </div>
        <AudienceFields value={draft} onChange={setDraft} disabled={add.busy} />
        <ErrorAlert error={add.error} />
        <div className="form-actions start">
          <SubmitButton busy={add.busy} disabled={!ready}>
            {t('partners.screens.schedules.add')}
          </SubmitButton>
        </div>
      </form>
    </Section>
  );
}

export function SchedulesPanel({ canEdit }: { readonly canEdit: boolean }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const schedules = useApiData('schedules.list', {});
  const agreements = useApiData('agreements.list', {});
  const remove = useApiAction('schedules.remove');
  const [removing, setRemoving] = useState<Schedule | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The schedule's own words for an outcome (main/partners/strings, `partners.schedule.outcomes`), any other code shown as it is.
  const outcomeText = (outcome: string): string =>
    t(`partners.schedule.outcomes.${outcome}`, { defaultValue: t('partners.schedule.outcomes.other', { outcome }) });
  const titleOf = (id: number): string => {
    const agreement = agreements.data?.find((entry) => entry.id === id);
    return agreement === undefined ? String(id) : t('partners.screens.agreements.titleNumbered', { id, title: agreement.title });
  };

  async function confirmRemove(): Promise<void> {
    if (removing === null) return;
    const result = await remove.run({ id: removing.id });
    if (!result.ok) return;
    setNotice(t('partners.screens.schedules.removed', { id: removing.id }));
    setRemoving(null);
    schedules.reload();
  }

  const list = schedules.data ?? [];
  return (
    <div className="stack" data-testid="schedules-panel">
      <p className="lead">{t('partners.screens.schedules.intro')}</p>
      {notice !== null ? (
        <Notice tone="success" testId="schedule-notice">
          {notice}
        </Notice>
      ) : null}
      <ErrorAlert error={schedules.error} />
      {schedules.data === null ? null : list.length === 0 ? (
        <p className="muted" data-testid="schedules-none">
          {t('partners.screens.schedules.none')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="schedules-table">
            <caption className="visually-hidden">{t('partners.screens.tabs.schedules')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partners.screens.extract.agreement')}</th>
                <th scope="col">{t('partners.screens.schedules.when')}</th>
                <th scope="col">{t('partners.screens.produce.format')}</th>
                <th scope="col">{t('partners.screens.schedules.nextDue')}</th>
                <th scope="col">{t('partners.screens.schedules.lastRun')}</th>
                {canEdit ? <th scope="col">{t('partners.screens.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.map((schedule) => (
                <tr key={schedule.id} data-testid="schedule-row" data-id={schedule.id} data-outcome={schedule.lastOutcome ?? ''}>
                  <th scope="row">{titleOf(schedule.agreementId)}</th>
                  <td>
                    {schedule.every === 'weekly' && schedule.weekday !== null
                      ? t('partners.screens.schedules.weeklyAt', { day: t(`partners.screens.weekdays.${String(schedule.weekday)}`), time: schedule.atTime })
                      : t('partners.screens.schedules.dailyAt', { time: schedule.atTime })}
                    {schedule.active ? '' : ` · ${t('partners.screens.schedules.inactive')}`}
                  </td>
                  <td>{schedule.format.toUpperCase()}</td>
                  <td>{formatDateTime(schedule.nextDue, language)}</td>
                  <td>
                    {schedule.lastRunAt === null ? (
                      <span className="muted">{t('partners.screens.schedules.never')}</span>
                    ) : (
                      <>
                        {formatDateTime(schedule.lastRunAt, language)} ·{' '}
                        {schedule.lastOutcome === 'ok' ? (
                          t('partners.screens.schedules.ok')
                        ) : (
                          <span className="badge tag-warning">⚠ {outcomeText(schedule.lastOutcome ?? '')}</span>
                        )}
                      </>
                    )}
                  </td>
                  {canEdit ? (
                    <td>
                      <button
                        type="button"
                        className="button button-small button-danger-quiet"
                        onClick={() => setRemoving(schedule)}
                        aria-label={t('partners.screens.schedules.removeNamed', { id: schedule.id })}
                      >
                        {t('partners.screens.schedules.remove')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        <AddScheduleForm
          onAdded={(schedule) => {
            setNotice(t('partners.screens.schedules.added', { id: schedule.id }));
            schedules.reload();
          }}
        />
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={t('partners.screens.schedules.removeTitle', { id: removing?.id ?? 0 })}
        confirmLabel={t('partners.screens.schedules.remove')}
        busy={remove.busy}
        danger
        onConfirm={() => void confirmRemove()}
        onCancel={() => {
          setRemoving(null);
          remove.clearError();
        }}
      >
        <p>{t('partners.screens.schedules.removeText')}</p>
        <ErrorAlert error={remove.error} />
      </ConfirmDialog>
    </div>
  );
}

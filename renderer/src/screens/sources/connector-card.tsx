/**
 * One connector: where it reads from (secrets masked by the backend), its schedule and health, and for
 * stewards and administrators the actions: test, sync now, edit, review the mapping, enable or disable,
 * schedule, remove. Editing opens the connector form in the card, in place of the details, and gives focus
 * back to the Edit button when it closes; reviewing the mapping does the same with the mapping editor.
 */
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connector, MethodOutput } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { JobStatus } from '../../components/job-status';
import { StoredErrorText } from '../../components/stored-error';
import { useApiAction } from '../../hooks/use-action';
import { useJob } from '../../hooks/use-job';
import { formatDateTime, formatNumber } from '../../lib/format';
import { RunCounts } from '../import/import-result';
import { ConnectorForm } from './connector-form';
import { ConnectorMapping } from './connector-mapping';
import { ConnectorTestResult } from './connector-test-result';
import { RunStatus } from './run-status';

function configLines(config: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(config).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]);
}

function SyncOutcomes({ result }: { readonly result: MethodOutput<'connectors.sync'> }): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <>
      {result.outcomes.map((outcome) => (
        <div
          key={outcome.name}
          className={`result ${outcome.status !== 'completed' ? 'result-bad' : outcome.runs.some((run) => run.rejected > 0) ? 'result-warn' : 'result-ok'}`}
          data-testid="sync-result"
          data-status={outcome.status}
        >
          <p className="result-title">
            {outcome.status === 'completed' && outcome.runs.length === 0
              ? t('connectors.sync.nothingNew')
              : t(`connectors.sync.${outcome.status}`, { count: outcome.runs.length })}
          </p>
          {outcome.error ? (
            <p className="result-detail">
              <StoredErrorText text={outcome.error} detail={outcome.errorDetail} />
            </p>
          ) : null}
          {outcome.nextAttemptAt ? (
            <p className="result-detail">{t('connectors.nextAttempt', { date: formatDateTime(outcome.nextAttemptAt, i18n.language) })}</p>
          ) : null}
          {outcome.waitingFiles > 0 ? <p className="result-detail">{t('connectors.sync.waiting', { count: outcome.waitingFiles })}</p> : null}
          {outcome.runs.map((run) => (
            <div key={run.id} className="sync-run">
              <p className="small">
                {run.fileName ? <>{run.fileName} · </> : null}
                <RunStatus run={run} />
              </p>
              <RunCounts run={run} />
            </div>
          ))}
        </div>
      ))}
    </>
  );
}

interface Props {
  readonly connector: Connector;
  readonly canEdit: boolean;
  readonly onChanged: () => void;
  readonly onRemove: (connector: Connector) => void;
}

export function ConnectorCard({ connector, canEdit, onChanged, onRemove }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const id = useId();
  const language = i18n.language;
  const test = useApiAction('connectors.test');
  const update = useApiAction('connectors.update');
  const sync = useJob('connectors.sync');
  const [testResult, setTestResult] = useState<MethodOutput<'connectors.test'> | null>(null);
  const [schedule, setSchedule] = useState(connector.scheduleMinutes === null ? '' : String(connector.scheduleMinutes));
  const [scheduleSaved, setScheduleSaved] = useState(false);
  const [editing, setEditing] = useState(false);
  const [edited, setEdited] = useState<'saved' | 'unchanged' | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [mapped, setMapped] = useState<'saved' | 'unchanged' | null>(null);
  // Set when the form or the mapping closes: the button that opened it takes the focus back as soon as it is on screen again.
  const focusBack = useRef<'edit' | 'mapping' | null>(null);
  // The schedule may change elsewhere (the edit form): the quick schedule field follows it.
  const [shownSchedule, setShownSchedule] = useState(connector.scheduleMinutes);
  if (shownSchedule !== connector.scheduleMinutes) {
    setShownSchedule(connector.scheduleMinutes);
    setSchedule(connector.scheduleMinutes === null ? '' : String(connector.scheduleMinutes));
  }
  const scheduleValue = schedule.trim() === '' ? null : /^\d+$/.test(schedule.trim()) ? Number(schedule.trim()) : NaN;
  const scheduleInvalid = scheduleValue !== null && (!Number.isInteger(scheduleValue) || scheduleValue < 1 || scheduleValue > 525_600);

  async function runTest(): Promise<void> {
    setTestResult(null);
    const result = await test.run({ name: connector.name });
    if (result.ok) setTestResult(result.value);
  }

  async function runSync(): Promise<void> {
    await sync.start({ name: connector.name });
    onChanged();
  }

  async function toggle(): Promise<void> {
    const result = await update.run({ name: connector.name, enabled: !connector.enabled });
    if (result.ok) onChanged();
  }

  function clearOutcomes(): void {
    setEdited(null);
    setMapped(null);
    setScheduleSaved(false);
    setTestResult(null);
    test.clearError();
    update.clearError();
  }

  function openEditor(): void {
    clearOutcomes();
    setEditing(true);
  }

  function closeEditor(outcome: 'saved' | 'unchanged' | null): void {
    setEditing(false);
    setEdited(outcome);
    if (outcome === 'saved') onChanged();
    focusBack.current = 'edit';
  }

  function openMapping(): void {
    clearOutcomes();
    setReviewing(true);
  }

  function closeMapping(outcome: 'saved' | 'unchanged' | null): void {
    setReviewing(false);
    setMapped(outcome);
    if (outcome === 'saved') onChanged();
    focusBack.current = 'mapping';
  }

  const focusWhenMounted =
    (which: 'edit' | 'mapping') =>
    (button: HTMLButtonElement | null): void => {
      if (!button || focusBack.current !== which) return;
      focusBack.current = null;
      button.focus();
    };

  async function saveSchedule(event: FormEvent): Promise<void> {
    event.preventDefault();
    setScheduleSaved(false);
    if (scheduleInvalid) return;
    const result = await update.run({ name: connector.name, scheduleMinutes: scheduleValue });
    if (result.ok) {
      setScheduleSaved(true);
      onChanged();
    }
  }

  const header = (
    <header className="connector-head">
      <h2 className="card-title" id={`${id}-name`}>
        {connector.name}
      </h2>
      <span className="tag">{t(`sources.kinds.${connector.kind}`)}</span>
      <span className={`status-dot ${connector.enabled ? 'status-active' : 'status-disabled'}`}>
        {t(connector.enabled ? 'connectors.enabled' : 'connectors.disabled')}
      </span>
    </header>
  );

  if (editing) {
    return (
      <article className="card connector-card" aria-labelledby={`${id}-name`} data-testid="connector" data-name={connector.name}>
        {header}
        <ConnectorForm connector={connector} focusOnOpen onCancel={() => closeEditor(null)} onSaved={(saved) => closeEditor(saved ? 'saved' : 'unchanged')} />
      </article>
    );
  }

  if (reviewing) {
    return (
      <article className="card connector-card" aria-labelledby={`${id}-name`} data-testid="connector" data-name={connector.name}>
        {header}
        <ConnectorMapping connector={connector} onClose={closeMapping} />
      </article>
    );
  }

  return (
    <article className="card connector-card" aria-labelledby={`${id}-name`} data-testid="connector" data-name={connector.name}>
      {header}
      <dl className="facts compact">
        <div>
          <dt>{t('connectors.schedule')}</dt>
          <dd>{connector.scheduleMinutes === null ? t('connectors.manual') : t('connectors.every', { count: connector.scheduleMinutes })}</dd>
        </div>
        <div>
          <dt>{t('sources.columns.purposes')}</dt>
          <dd>
            {connector.purposes
              .map(({ purpose, basis }) => (basis === connector.lawfulBasis ? purpose : t('declaration.purposeOnBasis', { purpose, basis: t(`lawfulBasis.${basis}`) })))
              .join(', ')}
          </dd>
        </div>
        <div>
          <dt>{t('sources.columns.lawfulBasis')}</dt>
          <dd>{t(`lawfulBasis.${connector.lawfulBasis}`)}</dd>
        </div>
        <div>
          <dt>{t('connectors.lastSuccess')}</dt>
          <dd>{connector.lastSuccessAt ? formatDateTime(connector.lastSuccessAt, language) : <span className="muted">{t('connectors.never')}</span>}</dd>
        </div>
        {connector.lastRun ? (
          <div>
            <dt>{t('connectors.lastRun')}</dt>
            <dd>
              <RunStatus run={connector.lastRun} /> · {formatDateTime(connector.lastRun.startedAt, language)} ·{' '}
              {t('sources.lastRunCounts', {
                read: formatNumber(connector.lastRun.read, language),
                rejected: formatNumber(connector.lastRun.rejected, language),
              })}
            </dd>
          </div>
        ) : null}
        {connector.lastError ? (
          <div>
            <dt>{t('connectors.lastError')}</dt>
            <dd className="error-text">
              <StoredErrorText text={connector.lastError} detail={connector.lastErrorDetail}>
                {connector.consecutiveFailures > 0 ? <> · {t('connectors.failures', { count: connector.consecutiveFailures })}</> : null}
                {connector.nextAttemptAt ? <> · {t('connectors.nextAttempt', { date: formatDateTime(connector.nextAttemptAt, language) })}</> : null}
              </StoredErrorText>
            </dd>
          </div>
        ) : null}
      </dl>
      <details className="connector-config">
        <summary>{t('connectors.settings')}</summary>
        <dl className="facts compact">
          {configLines(connector.config).map(([key, value]) => (
            <div key={key}>
              <dt>
                <code>{key}</code>
              </dt>
              <dd>
                <code className="wrap">{value}</code>
              </dd>
            </div>
          ))}
        </dl>
      </details>
      {canEdit ? (
        <>
          <div className="connector-actions">
            <button type="button" className="button" disabled={test.busy || sync.running} aria-busy={test.busy} onClick={() => void runTest()}>
              {test.busy ? t('connectors.testing') : t('connectors.test.run')}
            </button>
            <button type="button" className="button button-primary" disabled={sync.running || !connector.enabled} onClick={() => void runSync()}>
              {t('connectors.sync.run')}
            </button>
            <button ref={focusWhenMounted('edit')} type="button" className="button" disabled={sync.running} onClick={openEditor}>
              {t('connectors.edit.open')}
              <span className="visually-hidden"> {connector.name}</span>
            </button>
            <button ref={focusWhenMounted('mapping')} type="button" className="button" disabled={sync.running} onClick={openMapping}>
              {t('connectors.mapping.open')}
              <span className="visually-hidden"> {connector.name}</span>
            </button>
            <button type="button" className="button" disabled={update.busy || sync.running} onClick={() => void toggle()}>
              {t(connector.enabled ? 'connectors.disable' : 'connectors.enable')}
            </button>
            <form className="schedule-form" onSubmit={(event) => void saveSchedule(event)} aria-label={t('connectors.scheduleForm', { name: connector.name })}>
              <label htmlFor={`${id}-schedule`}>{t('connectors.scheduleLabel')}</label>
              <input
                id={`${id}-schedule`}
                inputMode="numeric"
                value={schedule}
                placeholder={t('connectors.manualPlaceholder')}
                aria-invalid={scheduleInvalid || undefined}
                aria-describedby={scheduleInvalid ? `${id}-schedule-error` : undefined}
                onChange={(event) => {
                  setSchedule(event.target.value);
                  setScheduleSaved(false);
                }}
              />
              <button type="submit" className="button button-small" disabled={update.busy || scheduleInvalid}>
                {t('common.save')}
              </button>
            </form>
            <button type="button" className="button button-danger-quiet" disabled={sync.running} onClick={() => onRemove(connector)}>
              {t('connectors.remove')}
              <span className="visually-hidden"> {connector.name}</span>
            </button>
          </div>
          {scheduleInvalid ? (
            <p className="field-error" id={`${id}-schedule-error`}>
              {t('connectors.scheduleInvalid')}
            </p>
          ) : null}
          {scheduleSaved ? <Notice tone="success">{t('connectors.scheduleSaved')}</Notice> : null}
          {edited === 'saved' ? <Notice tone="success">{t('connectors.edit.done', { name: connector.name })}</Notice> : null}
          {edited === 'unchanged' ? <Notice>{t('connectors.edit.nothing')}</Notice> : null}
          {mapped === 'saved' ? <Notice tone="success">{t('connectors.mapping.done', { name: connector.name })}</Notice> : null}
          {mapped === 'unchanged' ? <Notice>{t('connectors.edit.nothing')}</Notice> : null}
          {connector.enabled ? null : <p className="form-note">{t('connectors.disabledNote')}</p>}
          <ErrorAlert error={test.error} />
          <ErrorAlert error={update.error} />
          {testResult ? <ConnectorTestResult result={testResult} where="card" /> : null}
          <JobStatus job={sync} label={t('connectors.sync.running', { name: connector.name })} />
          {sync.state.kind === 'completed' ? <SyncOutcomes result={sync.state.value} /> : null}
        </>
      ) : null}
    </article>
  );
}

/**
 * Adds a connector, or edits one: a kind-specific form (docs/connectors.md), the declaration of the data
 * it brings, and an optional schedule. "Test" connects and reads a few rows without saving anything, so a
 * setting can be corrected first. REST pagination is given as JSON: four shapes, each with its own
 * parameters, read better as the documented JSON than as a maze of fields.
 *
 * Editing starts from the configuration as connectors.list shows it, secrets masked. A stored secret reads
 * "unchanged" and is not sent back (the backend keeps it) unless the user chooses to replace it. The name
 * and the kind cannot change: the name is also the source's, and another kind is another connector.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connector, MethodOutput } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { DeclarationFields, EMPTY_DECLARATION, sameDeclaration, type Declaration } from '../../components/declaration-fields';
import { describedBy, FieldNotes, SelectField, TextField } from '../../components/field';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import {
  CONNECTOR_KINDS,
  connectorDraft,
  connectorEdit,
  connectorSpec,
  EMPTY_CONNECTOR_FIELDS,
  NO_SECRETS,
  sameConfig,
  type ConnectorFields,
  type ConnectorKind,
  type ConnectorProblems,
  type KeptSecrets,
  type SecretField,
} from '../../lib/connector-form';
import { ENCODINGS } from '../import/import-types';
import { ConnectorTestResult } from './connector-test-result';

const DEFAULT_PORTS: Readonly<Partial<Record<ConnectorKind, string>>> = { postgres: '5432', mysql: '3306' };
const DELIMITERS = [',', ';', '\t', '|'] as const;
const MAX_SCHEDULE_MINUTES = 525_600;

interface SecretProps {
  readonly secret: SecretField;
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly error: string | null;
  readonly disabled: boolean;
  /** Editing a connector that holds this secret: it can be kept (shown as unchanged) or replaced. */
  readonly stored: boolean;
  readonly kept: boolean;
  readonly onChange: (value: string) => void;
  readonly onKeep: (kept: boolean) => void;
}

/** A password-like input; for a stored secret, "unchanged" with a button to replace it (and one to go back). */
function SecretInput({ secret, label, hint, value, error, disabled, stored, kept, onChange, onKeep }: SecretProps): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  if (!stored) {
    return (
      <TextField
        label={label}
        hint={hint}
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        disabled={disabled}
        error={error}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  const storedHint = t(kept ? `connectors.edit.${secret}.keptHint` : `connectors.edit.${secret}.newHint`);
  const notes = describedBy(id, storedHint, error);
  return (
    <div className="field">
      <label htmlFor={id}>{kept ? label : t(`connectors.edit.${secret}.new`)}</label>
      <div className="inline-input secret-input">
        {kept ? (
          <input key="kept" id={id} className="secret-kept" readOnly value={t('connectors.edit.unchanged')} aria-describedby={notes} />
        ) : (
          // Mounted by a click on "Replace": the cursor goes where the new value is typed.
          <input
            key="new"
            id={id}
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            autoFocus
            value={value}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            aria-describedby={notes}
            onChange={(event) => onChange(event.target.value)}
          />
        )}
        <button type="button" className="button" disabled={disabled} onClick={() => onKeep(!kept)}>
          {t(kept ? `connectors.edit.${secret}.replace` : `connectors.edit.${secret}.keep`)}
        </button>
      </div>
      <FieldNotes id={id} hint={storedHint} error={error} />
    </div>
  );
}

/** A select over known values that still shows a saved value it does not know (set from the command line). */
function withSaved(known: readonly string[], saved: string): ReactNode {
  return saved !== '' && !known.includes(saved) ? <option value={saved}>{saved}</option> : null;
}

interface Props {
  /** The connector to edit; without one, the form adds a connector. */
  readonly connector?: Connector;
  /** The connector as saved, or null when an edit was saved without changing anything. */
  readonly onSaved: (connector: Connector | null) => void;
  readonly onCancel: () => void;
  /** Put the cursor on the first field when the form appears (it replaces the button that opened it). */
  readonly focusOnOpen?: boolean;
}

export function ConnectorForm({ connector, onSaved, onCancel, focusOnOpen = false }: Props): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (focusOnOpen) formRef.current?.querySelector<HTMLElement>('input:not([readonly]), select, textarea')?.focus();
  }, [focusOnOpen]);
  // What the edit started from: a list reloaded meanwhile (a sync finishing) does not move it.
  const [original] = useState(connector);
  const [start] = useState(() => (original ? connectorDraft(original.kind, original.config) : { fields: EMPTY_CONNECTOR_FIELDS, stored: NO_SECRETS }));
  const [startDeclaration] = useState<Declaration>(() =>
    original ? { purposes: original.purposes, lawfulBasis: original.lawfulBasis, defaultCountry: original.defaultCountry } : EMPTY_DECLARATION,
  );
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ConnectorKind>(original?.kind ?? 'postgres');
  const [fields, setFields] = useState<ConnectorFields>(start.fields);
  const [kept, setKept] = useState<KeptSecrets>(start.stored);
  const [declaration, setDeclaration] = useState<Declaration>(startDeclaration);
  const [schedule, setSchedule] = useState(original?.scheduleMinutes == null ? '' : String(original.scheduleMinutes));
  // Field problems are shown once Test or Save was tried, then follow the fields as they are corrected.
  const [checked, setChecked] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [testResult, setTestResult] = useState<MethodOutput<'connectors.test'> | null>(null);
  const test = useApiAction('connectors.test');
  const add = useApiAction('connectors.add');
  const update = useApiAction('connectors.update');
  const save = original ? update : add;
  const busy = test.busy || add.busy || update.busy;

  const scheduleValue = schedule.trim() === '' ? null : /^\d+$/.test(schedule.trim()) ? Number(schedule.trim()) : NaN;
  const scheduleInvalid = scheduleValue !== null && (!Number.isInteger(scheduleValue) || scheduleValue < 1 || scheduleValue > MAX_SCHEDULE_MINUTES);

  const built = original ? connectorEdit(kind, fields, kept, original.config) : connectorSpec(kind, fields);
  const problems: ConnectorProblems = checked && 'problems' in built ? built.problems : {};
  const nameMissing = !original && name.trim() === '';
  const invalid = 'problems' in built || nameMissing || declaration.purposes.length === 0 || scheduleInvalid;

  const set = (change: Partial<ConnectorFields>): void => {
    setFields((previous) => ({ ...previous, ...change }));
    setTestResult(null);
  };
  const keep = (secret: SecretField, value: boolean): void => {
    setKept((previous) => ({ ...previous, [secret]: value }));
    set({ [secret]: '' });
  };
  const problem = (key: keyof ConnectorFields): string | null => (problems[key] ? t(`connectors.form.problems.${problems[key]}`) : null);
  const text = (
    key: keyof ConnectorFields,
    label: string,
    extra: { hint?: string; type?: string; placeholder?: string; autoComplete?: string } = {},
  ): ReactNode => (
    <TextField
      label={label}
      value={String(fields[key])}
      disabled={busy}
      spellCheck={false}
      error={problem(key)}
      onChange={(event) => set({ [key]: event.target.value })}
      {...extra}
    />
  );
  const secret = (key: SecretField, label: string, hint: string): ReactNode => (
    <SecretInput
      secret={key}
      label={label}
      hint={hint}
      value={fields[key]}
      error={problem(key)}
      disabled={busy}
      stored={start.stored[key]}
      kept={kept[key]}
      onChange={(value) => set({ [key]: value })}
      onKeep={(value) => keep(key, value)}
    />
  );

  /** Puts the cursor on the first field that needs attention, once the messages are on screen. */
  function focusFirstProblem(): void {
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  async function runTest(): Promise<void> {
    setTestResult(null);
    setChecked(true);
    if ('problems' in built) {
      focusFirstProblem();
      return;
    }
    // An edit is tested as connectors.update would store it: the backend adds the stored secrets, for the
    // same server only, and they never come to this window.
    const tested = await test.run('spec' in built ? built.spec : { name: original!.name, config: built.config });
    if (tested.ok) setTestResult(tested.value);
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setChecked(true);
    setSubmitted(true);
    if (invalid) {
      focusFirstProblem();
      return;
    }
    const declared = { purposes: [...declaration.purposes], lawfulBasis: declaration.lawfulBasis, defaultCountry: declaration.defaultCountry };
    if ('spec' in built) {
      const added = await add.run({ ...built.spec, name: name.trim(), ...declared, scheduleMinutes: scheduleValue });
      if (added.ok) onSaved(added.value);
      return;
    }
    if (!original) return;
    // Only what changed is sent, so that the audit entry names it (config, declaration, schedule).
    const before = connectorEdit(kind, start.fields, start.stored, original.config);
    const configChanged = !('config' in before) || !sameConfig(before.config, built.config);
    const declarationChanged = !sameDeclaration(declaration, startDeclaration);
    const scheduleChanged = scheduleValue !== original.scheduleMinutes;
    if (!configChanged && !declarationChanged && !scheduleChanged) {
      onSaved(null);
      return;
    }
    const updated = await update.run({
      name: original.name,
      ...(configChanged ? { config: built.config } : {}),
      ...(declarationChanged ? declared : {}),
      ...(scheduleChanged ? { scheduleMinutes: scheduleValue } : {}),
    });
    if (updated.ok) onSaved(updated.value);
  }

  const title = original ? t('connectors.edit.title', { name: original.name }) : t('connectors.add.title');
  return (
    <form ref={formRef} className="form connector-form" onSubmit={(event) => void submit(event)} noValidate aria-label={title}>
      {original ? (
        <p className="form-note">{t('connectors.edit.intro')}</p>
      ) : (
        <div className="field-row">
          <TextField
            label={t('connectors.form.name')}
            hint={t('connectors.form.nameHint')}
            value={name}
            maxLength={100}
            disabled={busy}
            autoComplete="off"
            error={submitted && nameMissing ? t('connectors.form.problems.required') : null}
            onChange={(event) => setName(event.target.value)}
          />
          <SelectField
            label={t('connectors.form.kind')}
            value={kind}
            disabled={busy}
            onChange={(event) => {
              setKind(event.target.value as ConnectorKind);
              setChecked(false);
              setTestResult(null);
            }}
          >
            {CONNECTOR_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`sources.kinds.${value}`)}
              </option>
            ))}
          </SelectField>
        </div>
      )}

      <fieldset className="fieldset">
        <legend>{t(`connectors.form.legend.${kind}`)}</legend>
        {kind === 'postgres' || kind === 'mysql' ? (
          <>
            <div className="field-row three">
              {text('host', t('connectors.form.host'), { placeholder: 'db.local' })}
              {text('port', t('connectors.form.port'), { placeholder: DEFAULT_PORTS[kind] })}
              {text('database', t('connectors.form.database'))}
            </div>
            <div className="field-row">
              {text('user', t('connectors.form.user'), { hint: t('connectors.form.userHint'), autoComplete: 'off' })}
              {secret('password', t('connectors.form.password'), t('connectors.form.passwordHint'))}
            </div>
            <div className="checkbox">
              <input id={`${id}-ssl`} type="checkbox" checked={fields.ssl} disabled={busy} onChange={(event) => set({ ssl: event.target.checked })} />
              <label htmlFor={`${id}-ssl`}>{t('connectors.form.ssl')}</label>
            </div>
            <div className="choice-row" role="radiogroup" aria-label={t('connectors.form.readFrom')}>
              <div className="radio">
                <input
                  type="radio"
                  id={`${id}-table`}
                  name={`${id}-from`}
                  checked={fields.readFrom === 'table'}
                  disabled={busy}
                  onChange={() => set({ readFrom: 'table' })}
                />
                <label htmlFor={`${id}-table`}>{t('connectors.form.fromTable')}</label>
              </div>
              <div className="radio">
                <input
                  type="radio"
                  id={`${id}-query`}
                  name={`${id}-from`}
                  checked={fields.readFrom === 'query'}
                  disabled={busy}
                  onChange={() => set({ readFrom: 'query' })}
                />
                <label htmlFor={`${id}-query`}>{t('connectors.form.fromQuery')}</label>
              </div>
            </div>
            {fields.readFrom === 'table' ? (
              text('table', t('connectors.form.table'), { placeholder: 'crm.customers' })
            ) : (
              <div className="field">
                <label htmlFor={`${id}-sql`}>{t('connectors.form.query')}</label>
                <textarea
                  id={`${id}-sql`}
                  className="textarea mono"
                  rows={4}
                  value={fields.query}
                  spellCheck={false}
                  disabled={busy}
                  placeholder="SELECT id, email, updated_at FROM customers"
                  aria-invalid={problems.query ? true : undefined}
                  aria-describedby={problems.query ? `${id}-sql-error` : undefined}
                  onChange={(event) => set({ query: event.target.value })}
                />
                {problem('query') ? (
                  <div className="field-error" id={`${id}-sql-error`}>
                    {problem('query')}
                  </div>
                ) : null}
              </div>
            )}
            <div className="field-row">
              {text('idColumn', t('connectors.form.idColumn'), { hint: t('connectors.form.idColumnHint'), placeholder: 'id' })}
              {text('cursorColumn', t('connectors.form.cursorColumn'), { hint: t('connectors.form.cursorColumnHint'), placeholder: 'updated_at' })}
            </div>
          </>
        ) : null}
        {kind === 'rest' ? (
          <>
            <div className="field-row">
              {text('baseUrl', t('connectors.form.baseUrl'), { placeholder: 'https://crm.example.com/api' })}
              {text('path', t('connectors.form.path'), { placeholder: 'v2/customers' })}
            </div>
            <div className="field-row">
              {text('authName', t('connectors.form.authName'))}
              {secret('authValue', t('connectors.form.authValue'), t('connectors.form.authValueHint'))}
            </div>
            {text('recordsPath', t('connectors.form.recordsPath'), { hint: t('connectors.form.recordsPathHint'), placeholder: 'data.customers' })}
            <div className="field">
              <label htmlFor={`${id}-pagination`}>{t('connectors.form.pagination')}</label>
              <textarea
                id={`${id}-pagination`}
                className="textarea mono"
                rows={3}
                value={fields.pagination}
                spellCheck={false}
                disabled={busy}
                aria-invalid={problems.pagination ? true : undefined}
                aria-describedby={`${id}-pagination-hint${problems.pagination ? ` ${id}-pagination-error` : ''}`}
                onChange={(event) => set({ pagination: event.target.value })}
              />
              <div className="field-hint" id={`${id}-pagination-hint`}>
                {t('connectors.form.paginationHint')}
              </div>
              {problem('pagination') ? (
                <div className="field-error" id={`${id}-pagination-error`}>
                  {problem('pagination')}
                </div>
              ) : null}
            </div>
            <div className="field-row">
              {text('incrementalParam', t('connectors.form.incrementalParam'), { placeholder: 'updated_since' })}
              {text('incrementalField', t('connectors.form.incrementalField'), { placeholder: 'updated_at', hint: t('connectors.form.incrementalHint') })}
            </div>
          </>
        ) : null}
        {kind === 'folder' ? (
          <>
            {text('folder', t('connectors.form.folder'), { hint: t('connectors.form.folderHint'), placeholder: '/srv/exports/boutique' })}
            <div className="field-row three">
              <SelectField
                label={t('import.preview.delimiter')}
                value={fields.delimiter}
                disabled={busy}
                onChange={(event) => set({ delimiter: event.target.value })}
              >
                <option value="">{t('connectors.form.detect')}</option>
                <option value=",">{t('import.preview.delimiters.comma')}</option>
                <option value=";">{t('import.preview.delimiters.semicolon')}</option>
                <option value={'\t'}>{t('import.preview.delimiters.tab')}</option>
                <option value="|">{t('import.preview.delimiters.pipe')}</option>
                {withSaved(DELIMITERS, fields.delimiter)}
              </SelectField>
              <SelectField
                label={t('import.preview.encoding')}
                value={fields.encoding}
                disabled={busy}
                onChange={(event) => set({ encoding: event.target.value })}
              >
                <option value="">{t('connectors.form.detect')}</option>
                {ENCODINGS.map((value) => (
                  <option key={value} value={value}>
                    {t(`import.encodings.${value}`)}
                  </option>
                ))}
                {withSaved(ENCODINGS, fields.encoding)}
              </SelectField>
              {text('settleSeconds', t('connectors.form.settleSeconds'), { placeholder: '2', hint: t('connectors.form.settleSecondsHint') })}
            </div>
          </>
        ) : null}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('connectors.form.declaration')}</legend>
        <DeclarationFields value={declaration} onChange={setDeclaration} disabled={busy} showErrors={submitted} />
      </fieldset>

      <TextField
        className="narrow"
        label={t('connectors.scheduleLabel')}
        hint={t('connectors.form.scheduleHint')}
        inputMode="numeric"
        value={schedule}
        placeholder={t('connectors.manualPlaceholder')}
        disabled={busy}
        error={scheduleInvalid ? t('connectors.scheduleInvalid') : null}
        onChange={(event) => setSchedule(event.target.value)}
      />

      <ErrorAlert error={test.error} testId="connector-test-error" />
      {testResult ? <ConnectorTestResult result={testResult} where="form" /> : null}
      <ErrorAlert error={save.error} overrides={original ? {} : { CONFLICT: t('connectors.form.nameTaken') }} />
      {submitted && invalid ? (
        <div className="alert alert-error" role="alert" data-testid="connector-form-problems">
          {t('connectors.form.fixProblems')}
        </div>
      ) : null}
      <div className="form-actions spread">
        <button type="button" className="button" onClick={onCancel} disabled={save.busy}>
          {t('common.cancel')}
        </button>
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void runTest()} disabled={busy} aria-busy={test.busy}>
            {test.busy ? t('connectors.testing') : t('connectors.test.run')}
          </button>
          <SubmitButton busy={save.busy} disabled={test.busy}>
            {original ? t('connectors.edit.submit') : t('connectors.add.submit')}
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}

/**
 * Adds a connector: a kind-specific form (docs/connectors.md), the declaration of the data it brings,
 * and an optional schedule. "Test" connects and reads a few rows without saving anything, so a setting
 * can be corrected before the connector exists. REST pagination is given as JSON: four shapes, each
 * with its own parameters, read better as the documented JSON than as a maze of fields.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connector, MethodOutput } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { DeclarationFields, EMPTY_DECLARATION, type Declaration } from '../../components/declaration-fields';
import { SelectField, TextField } from '../../components/field';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import {
  CONNECTOR_KINDS,
  connectorSpec,
  EMPTY_CONNECTOR_FIELDS,
  type ConnectorFields,
  type ConnectorKind,
  type ConnectorProblems,
} from '../../lib/connector-form';
import { ENCODINGS } from '../import/import-types';
import { ConnectorTestResult } from './connector-test-result';

const DEFAULT_PORTS: Readonly<Partial<Record<ConnectorKind, string>>> = { postgres: '5432', mysql: '3306' };

export function AddConnectorForm({ onAdded, onCancel }: { readonly onAdded: (connector: Connector) => void; readonly onCancel: () => void }): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ConnectorKind>('postgres');
  const [fields, setFields] = useState<ConnectorFields>(EMPTY_CONNECTOR_FIELDS);
  const [declaration, setDeclaration] = useState<Declaration>(EMPTY_DECLARATION);
  const [schedule, setSchedule] = useState('');
  const [shown, setShown] = useState(false);
  const [problems, setProblems] = useState<ConnectorProblems>({});
  const [testResult, setTestResult] = useState<MethodOutput<'connectors.test'> | null>(null);
  const test = useApiAction('connectors.test');
  const add = useApiAction('connectors.add');
  const busy = test.busy || add.busy;

  const scheduleValue = schedule.trim() === '' ? null : /^\d+$/.test(schedule.trim()) ? Number(schedule.trim()) : NaN;
  const scheduleInvalid = scheduleValue !== null && (!Number.isInteger(scheduleValue) || scheduleValue < 1 || scheduleValue > 525_600);

  const set = (change: Partial<ConnectorFields>): void => {
    setFields((previous) => ({ ...previous, ...change }));
    setTestResult(null);
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

  function spec(): ReturnType<typeof connectorSpec> {
    const result = connectorSpec(kind, fields);
    setProblems('problems' in result ? result.problems : {});
    return result;
  }

  async function runTest(): Promise<void> {
    setTestResult(null);
    const result = spec();
    if (!('spec' in result)) return;
    const tested = await test.run(result.spec);
    if (tested.ok) setTestResult(tested.value);
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setShown(true);
    const result = spec();
    if (!('spec' in result) || name.trim() === '' || declaration.purposes.length === 0 || scheduleInvalid) return;
    const added = await add.run({
      ...result.spec,
      name: name.trim(),
      purposes: [...declaration.purposes],
      lawfulBasis: declaration.lawfulBasis,
      defaultCountry: declaration.defaultCountry,
      scheduleMinutes: scheduleValue,
    });
    if (added.ok) onAdded(added.value);
  }

  return (
    <form className="form connector-form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('connectors.add.title')}>
      <div className="field-row">
        <TextField
          label={t('connectors.form.name')}
          hint={t('connectors.form.nameHint')}
          value={name}
          maxLength={100}
          disabled={busy}
          autoComplete="off"
          error={shown && name.trim() === '' ? t('connectors.form.problems.required') : null}
          onChange={(event) => setName(event.target.value)}
        />
        <SelectField
          label={t('connectors.form.kind')}
          value={kind}
          disabled={busy}
          onChange={(event) => {
            setKind(event.target.value as ConnectorKind);
            setProblems({});
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
              {text('password', t('connectors.form.password'), { type: 'password', autoComplete: 'new-password', hint: t('connectors.form.passwordHint') })}
            </div>
            <div className="checkbox">
              <input id={`${id}-ssl`} type="checkbox" checked={fields.ssl} disabled={busy} onChange={(event) => set({ ssl: event.target.checked })} />
              <label htmlFor={`${id}-ssl`}>{t('connectors.form.ssl')}</label>
            </div>
            <div className="choice-row" role="radiogroup" aria-label={t('connectors.form.readFrom')}>
              <div className="radio">
                <input type="radio" id={`${id}-table`} name={`${id}-from`} checked={fields.readFrom === 'table'} onChange={() => set({ readFrom: 'table' })} />
                <label htmlFor={`${id}-table`}>{t('connectors.form.fromTable')}</label>
              </div>
              <div className="radio">
                <input type="radio" id={`${id}-query`} name={`${id}-from`} checked={fields.readFrom === 'query'} onChange={() => set({ readFrom: 'query' })} />
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
                  onChange={(event) => set({ query: event.target.value })}
                />
                {problem('query') ? <div className="field-error">{problem('query')}</div> : null}
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
              {text('authValue', t('connectors.form.authValue'), { type: 'password', autoComplete: 'new-password', hint: t('connectors.form.authValueHint') })}
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
                aria-describedby={`${id}-pagination-hint`}
                onChange={(event) => set({ pagination: event.target.value })}
              />
              <div className="field-hint" id={`${id}-pagination-hint`}>
                {t('connectors.form.paginationHint')}
              </div>
              {problem('pagination') ? <div className="field-error">{problem('pagination')}</div> : null}
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
              </SelectField>
              {text('settleSeconds', t('connectors.form.settleSeconds'), { placeholder: '2', hint: t('connectors.form.settleSecondsHint') })}
            </div>
          </>
        ) : null}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t('connectors.form.declaration')}</legend>
        <DeclarationFields value={declaration} onChange={setDeclaration} disabled={busy} showErrors={shown} />
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
      {testResult ? <ConnectorTestResult result={testResult} /> : null}
      <ErrorAlert error={add.error} overrides={{ CONFLICT: t('connectors.form.nameTaken') }} />
      <div className="form-actions spread">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {t('common.cancel')}
        </button>
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void runTest()} disabled={busy} aria-busy={test.busy}>
            {test.busy ? t('connectors.testing') : t('connectors.test.run')}
          </button>
          <SubmitButton busy={add.busy}>{t('connectors.add.submit')}</SubmitButton>
        </div>
      </div>
    </form>
  );
}

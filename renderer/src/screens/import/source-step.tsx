/**
 * Step 3: which source the file comes from. A known source brings back its declaration and the mapping
 * saved at its last import; a new one is declared here: what its data is for and on what lawful basis
 * the vault holds it (GDPR art. 6).
 */
import { useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source } from '../../../../main/api/contract';
import type { ClientError } from '../../api/client';
import { ErrorAlert } from '../../components/alert';
import { declarationOf, DeclarationFields, type Declaration } from '../../components/declaration-fields';
import { SelectField, TextField } from '../../components/field';
import { formatDateTime } from '../../lib/format';

export interface SourceChoice {
  readonly mode: 'existing' | 'new';
  readonly existing: string;
  readonly newName: string;
  readonly declaration: Declaration;
}

export function chosenSourceName(choice: SourceChoice): string {
  return choice.mode === 'existing' ? choice.existing : choice.newName.trim();
}

export type SourceProblem = 'nameRequired' | 'nameTaken' | 'nameTooLong' | 'purposesRequired' | 'noSource';

export function sourceProblem(choice: SourceChoice, sources: readonly Source[]): SourceProblem | null {
  if (choice.mode === 'existing') {
    if (!sources.some((source) => source.name === choice.existing)) return 'noSource';
  } else {
    const name = choice.newName.trim();
    if (name === '') return 'nameRequired';
    if (name.length > 100) return 'nameTooLong';
    if (sources.some((source) => source.name.toLocaleLowerCase() === name.toLocaleLowerCase())) return 'nameTaken';
  }
  return choice.declaration.purposes.length === 0 ? 'purposesRequired' : null;
}

interface Props {
  readonly sources: readonly Source[] | null;
  readonly sourcesError: ClientError | null;
  readonly choice: SourceChoice;
  /**
   * The country the file's rows are read in unless told otherwise (the preview's mapping: its country
   * column, else the default): a new source starts declared with it, rather than with none that would
   * silently become it.
   */
  readonly suggestedCountry: string | null;
  readonly showErrors: boolean;
  readonly busy: boolean;
  readonly error: ClientError | null;
  readonly onChange: (choice: SourceChoice) => void;
  readonly onBack: () => void;
  readonly onNext: () => void;
}

export function SourceStep({ sources, sourcesError, choice, suggestedCountry, showErrors, busy, error, onChange, onBack, onNext }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const id = useId();
  // Connectors' sources are fed by their connector: a file goes to a file source.
  const fileSources = (sources ?? []).filter((source) => source.kind === 'file');
  const chosen = fileSources.find((source) => source.name === choice.existing) ?? null;
  const problem = showErrors ? sourceProblem(choice, sources ?? []) : null;

  function pick(mode: SourceChoice['mode']): void {
    if (mode === 'existing') {
      const source = chosen ?? fileSources[0];
      if (source) onChange({ ...choice, mode, existing: source.name, declaration: declarationOf(source) });
    } else {
      onChange({ ...choice, mode, declaration: { purposes: [], lawfulBasis: 'contract', defaultCountry: suggestedCountry } });
    }
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    onNext();
  }

  const nameError =
    problem === 'nameRequired'
      ? t('import.source.nameRequired')
      : problem === 'nameTaken'
        ? t('import.source.nameTaken')
        : problem === 'nameTooLong'
          ? t('import.source.nameTooLong')
          : null;

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="import-step-title">
      <ErrorAlert error={sourcesError} />
      <fieldset className="choice-group">
        <legend>{t('import.source.question')}</legend>
        <div className="radio">
          <input
            type="radio"
            id={`${id}-existing`}
            name={`${id}-mode`}
            checked={choice.mode === 'existing'}
            disabled={fileSources.length === 0 || busy}
            onChange={() => pick('existing')}
          />
          <label htmlFor={`${id}-existing`}>
            {t('import.source.existing')}
            {fileSources.length === 0 ? <span className="muted"> {t('import.source.noneYet')}</span> : null}
          </label>
        </div>
        <div className="radio">
          <input type="radio" id={`${id}-new`} name={`${id}-mode`} checked={choice.mode === 'new'} disabled={busy} onChange={() => pick('new')} />
          <label htmlFor={`${id}-new`}>{t('import.source.new')}</label>
        </div>
      </fieldset>

      {choice.mode === 'existing' && chosen ? (
        <>
          <SelectField
            label={t('import.source.which')}
            value={chosen.name}
            disabled={busy}
            onChange={(event) => {
              const source = fileSources.find((item) => item.name === event.target.value);
              if (source) onChange({ ...choice, existing: source.name, declaration: declarationOf(source) });
            }}
          >
            {fileSources.map((source) => (
              <option key={source.id} value={source.name}>
                {source.name}
              </option>
            ))}
          </SelectField>
          <p className="form-note">
            {chosen.lastRun
              ? t('import.source.lastRun', {
                  date: formatDateTime(chosen.lastRun.startedAt, i18n.language),
                  file: chosen.lastRun.fileName ?? '—',
                })
              : t('import.source.neverRun')}{' '}
            {chosen.mapping ? t('import.source.hasMapping') : null}
          </p>
        </>
      ) : null}

      {choice.mode === 'new' ? (
        <TextField
          label={t('import.source.name')}
          hint={t('import.source.nameHint')}
          value={choice.newName}
          maxLength={120}
          disabled={busy}
          autoComplete="off"
          onChange={(event) => onChange({ ...choice, newName: event.target.value })}
          error={nameError}
        />
      ) : null}

      <h3 className="subheading">{t('import.source.declarationTitle')}</h3>
      <p className="form-note">{t(choice.mode === 'existing' ? 'import.source.declarationExisting' : 'import.source.declarationNew')}</p>
      <DeclarationFields value={choice.declaration} onChange={(declaration) => onChange({ ...choice, declaration })} disabled={busy} showErrors={showErrors} />

      <ErrorAlert error={error} />
      <div className="form-actions spread">
        <button type="button" className="button" onClick={onBack} disabled={busy}>
          {t('import.back')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {busy ? t('common.working') : t('import.source.next')}
        </button>
      </div>
    </form>
  );
}

/**
 * Step 2: what Custodia read in the file, and how. Format, encoding, delimiter and sheet are detected, or
 * taken from the last file of the source the wizard offers (said above the rows); each can be set by
 * hand, which reads the file again at once. A JSON document whose records sit inside
 * an object offers the lists it holds (the only one chosen at once). The first rows show whether it
 * looks right (accents are the quickest test of the encoding), and lines that could not be read are listed.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientError, StagedFile } from '../../api/client';
import { Notice } from '../../components/alert';
import { SelectField, TextField } from '../../components/field';
import { formatBytes, formatNumber } from '../../lib/format';
import { delimiterName, describeReadOptions } from '../../lib/read-options';
import { ImportError } from './import-error';
import { DELIMITERS, ENCODINGS, FILE_FORMATS, type FilePreview, type ReadAsSaved, type ReadOptions } from './import-types';
import { SampleCells } from '../../components/sample-cells';

/** The select's value for "a path not in the list", which no records path can be (paths have no NUL). */
const OTHER_PATH = '\u0000other';

/**
 * Where the records are in a JSON document: the lists the preview found, or any path typed by hand (the
 * only way when none was found, e.g. a list nested deeper or far into the file).
 */
function RecordsPathField({
  candidates,
  value,
  loading,
  onPath,
}: {
  readonly candidates: readonly string[];
  readonly value: string | undefined;
  readonly loading: boolean;
  readonly onPath: (path: string | undefined) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [typed, setTyped] = useState(value ?? '');
  const [otherChosen, setOtherChosen] = useState(false);
  const other = otherChosen || (value !== undefined && !candidates.includes(value));

  function apply(event: FormEvent): void {
    event.preventDefault();
    onPath(typed.trim() || undefined);
  }

  const typing = (
    <form className="inline-form records-path" onSubmit={apply} aria-label={t('import.preview.recordsPath')}>
      <TextField
        label={t('import.preview.recordsPath')}
        hint={t('import.preview.recordsPathHint')}
        value={typed}
        spellCheck={false}
        disabled={loading}
        onChange={(event) => setTyped(event.target.value)}
      />
      <button type="submit" className="button" disabled={loading}>
        {t('import.preview.apply')}
      </button>
    </form>
  );
  if (candidates.length === 0) return typing;
  return (
    <>
      <SelectField
        label={t('import.preview.recordsPathChoice')}
        hint={t('import.preview.recordsPathChoiceHint')}
        value={other ? OTHER_PATH : (value ?? '')}
        disabled={loading}
        data-testid="records-path-choice"
        onChange={(event) => {
          const chosen = event.target.value;
          setOtherChosen(chosen === OTHER_PATH);
          if (chosen === OTHER_PATH) return;
          setTyped(chosen);
          onPath(chosen || undefined);
        }}
      >
        {value === undefined && !other ? <option value="">{t('import.preview.recordsPathPick')}</option> : null}
        {candidates.map((path) => (
          <option key={path} value={path}>
            {path}
          </option>
        ))}
        <option value={OTHER_PATH}>{t('import.preview.recordsPathOther')}</option>
      </SelectField>
      {other ? typing : null}
    </>
  );
}

function ReadSettings({
  preview,
  options,
  loading,
  onOptions,
}: {
  readonly preview: FilePreview | null;
  readonly options: ReadOptions;
  readonly loading: boolean;
  readonly onOptions: (options: ReadOptions) => void;
}): ReactNode {
  const { t } = useTranslation();
  const format = options.format ?? preview?.format;
  const set = (change: Partial<ReadOptions>): void => {
    const next: Record<string, unknown> = { ...options, ...change };
    for (const key of Object.keys(next)) if (next[key] === undefined || next[key] === '') delete next[key];
    onOptions(next as ReadOptions);
  };
  const encodings = preview && !(ENCODINGS as readonly string[]).includes(preview.encoding) ? [...ENCODINGS, preview.encoding] : ENCODINGS;
  const delimiters = preview?.delimiter && !(DELIMITERS as readonly string[]).includes(preview.delimiter) ? [...DELIMITERS, preview.delimiter] : DELIMITERS;

  return (
    <div className="read-settings" aria-busy={loading}>
      <SelectField
        label={t('import.preview.format')}
        value={options.format ?? ''}
        disabled={loading}
        onChange={(event) => set({ format: (event.target.value || undefined) as ReadOptions['format'], delimiter: undefined, sheet: undefined })}
      >
        <option value="">{t('import.preview.automatic', { value: preview ? t(`import.formats.${preview.format}`) : '…' })}</option>
        {FILE_FORMATS.map((value) => (
          <option key={value} value={value}>
            {t(`import.formats.${value}`)}
          </option>
        ))}
      </SelectField>
      {format !== 'xlsx' ? (
        <SelectField
          label={t('import.preview.encoding')}
          value={options.encoding ?? ''}
          disabled={loading}
          hint={t('import.preview.encodingHint')}
          onChange={(event) => set({ encoding: event.target.value || undefined })}
        >
          <option value="">
            {t('import.preview.automatic', { value: preview ? t(`import.encodings.${preview.encoding}`, { defaultValue: preview.encoding }) : '…' })}
          </option>
          {encodings.map((value) => (
            <option key={value} value={value}>
              {t(`import.encodings.${value}`, { defaultValue: value })}
            </option>
          ))}
        </SelectField>
      ) : null}
      {format === 'csv' || format === 'tsv' ? (
        <SelectField
          label={t('import.preview.delimiter')}
          value={options.delimiter ?? ''}
          disabled={loading}
          onChange={(event) => set({ delimiter: event.target.value || undefined })}
        >
          <option value="">{t('import.preview.automatic', { value: preview?.delimiter ? delimiterName(t, preview.delimiter) : '…' })}</option>
          {delimiters.map((value) => (
            <option key={value} value={value}>
              {delimiterName(t, value)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {format === 'xlsx' && preview && preview.sheets.length > 0 ? (
        <SelectField
          label={t('import.preview.sheet')}
          value={options.sheet ?? ''}
          disabled={loading}
          onChange={(event) => set({ sheet: event.target.value || undefined })}
        >
          <option value="">{t('import.preview.firstSheet', { sheet: preview.sheets[0] })}</option>
          {preview.sheets.map((sheet) => (
            <option key={sheet} value={sheet}>
              {sheet}
            </option>
          ))}
        </SelectField>
      ) : null}
      {format === 'json' ? (
        <RecordsPathField
          candidates={preview?.format === 'json' ? preview.recordsPaths : []}
          value={options.recordsPath}
          loading={loading}
          onPath={(recordsPath) => set({ recordsPath })}
        />
      ) : null}
    </div>
  );
}

/** The options saved with the source that this file was read with, and a saved sheet or list it lacks. */
function ReadAsSavedNotes({ saved }: { readonly saved: ReadAsSaved | null }): ReactNode {
  const { t } = useTranslation();
  if (!saved) return null;
  const { source, use } = saved;
  const used = describeReadOptions(t, use.used);
  return (
    <>
      {used ? <Notice testId="read-as-last">{t('import.preview.readAsLast', { source, options: used })}</Notice> : null}
      {use.missing.sheet ? (
        <Notice tone="warning" testId="saved-option-missing">
          {t('import.preview.savedSheetMissing', { source, sheet: use.missing.sheet })}
        </Notice>
      ) : null}
      {use.missing.recordsPath ? (
        <Notice tone="warning" testId="saved-option-missing">
          {t('import.preview.savedRecordsPathMissing', { source, path: use.missing.recordsPath })}
        </Notice>
      ) : null}
    </>
  );
}

function PreviewTable({ preview }: { readonly preview: FilePreview }): ReactNode {
  const { t } = useTranslation();
  if (preview.rows.length === 0) return <p className="empty">{t('import.preview.noRows')}</p>;
  return (
    <div className="table-wrap preview-table-wrap" tabIndex={0} role="region" aria-labelledby="preview-rows-caption">
      <table className="table preview-table" data-testid="preview-table">
        <caption id="preview-rows-caption" className="visually-hidden">
          {t('import.preview.rowsCaption', { count: preview.rows.length })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('import.preview.line')}
            </th>
            {preview.headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.line}>
              <td className="num muted">{row.line}</td>
              <SampleCells headers={preview.headers} values={row.values} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReadProblems({ problems }: { readonly problems: FilePreview['problems'] }): ReactNode {
  const { t, i18n } = useTranslation();
  if (problems.length === 0) return null;
  return (
    <section className="card warning-card" aria-labelledby="read-problems-title" data-testid="read-problems">
      <h3 className="card-title" id="read-problems-title">
        {t('import.preview.problemsTitle', { count: problems.length, formatted: formatNumber(problems.length, i18n.language) })}
      </h3>
      <p className="card-description">{t('import.preview.problemsText')}</p>
      <ul className="problem-list">
        {problems.map((problem, index) => (
          <li key={`${problem.line}-${index}`}>
            <span className="problem-line">{t('import.preview.lineNumber', { line: problem.line })}</span> <span lang="en">{problem.reason}</span>
            {problem.raw ? <code className="problem-raw">{problem.raw}</code> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface Props {
  readonly file: StagedFile;
  readonly preview: FilePreview | null;
  readonly error: ClientError | null;
  readonly loading: boolean;
  readonly options: ReadOptions;
  /** Set while the options are the ones saved with the source the file was opened for. */
  readonly readAsSaved?: ReadAsSaved | null;
  readonly onOptions: (options: ReadOptions) => void;
  readonly onBack: () => void;
  readonly onNext: () => void;
}

export function PreviewStep({ file, preview, error, loading, options, readAsSaved = null, onOptions, onBack, onNext }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  // Records inside an object, in a single list: that list, chosen once per file (the steward may change it).
  const only = preview?.format === 'json' && preview.recordsPaths.length === 1 && options.recordsPath === undefined ? preview.recordsPaths[0] : undefined;
  const preselectedFor = useRef<string | null>(null);
  useEffect(() => {
    if (only === undefined || loading || preselectedFor.current === file.path) return;
    preselectedFor.current = file.path;
    onOptions({ ...options, recordsPath: only });
  }, [only, loading, file.path, options, onOptions]);
  return (
    <div className="stack">
      <p className="file-summary">
        <span className="file-summary-name" data-testid="import-file-name">
          {file.name}
        </span>
        <span className="muted"> · {formatBytes(file.bytes, i18n.language)}</span>
      </p>
      <ReadSettings preview={preview} options={options} loading={loading} onOptions={onOptions} />
      <ReadAsSavedNotes saved={readAsSaved} />
      <ImportError error={error} context="read" testId="import-error" />
      {loading ? (
        <p className="muted" role="status">
          {t('import.preview.reading')}
        </p>
      ) : null}
      {preview && !error ? (
        <>
          <p className="form-note">
            {t('import.preview.columns', { count: preview.headers.length })} {t('import.preview.firstRows', { count: preview.rows.length })}
          </p>
          <PreviewTable preview={preview} />
          <ReadProblems problems={preview.problems} />
        </>
      ) : null}
      <div className="form-actions spread">
        <button type="button" className="button" onClick={onBack}>
          {t('import.preview.back')}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={loading || !preview || error !== null || preview.headers.length === 0}
          onClick={onNext}
        >
          {t('import.preview.next')}
        </button>
      </div>
    </div>
  );
}

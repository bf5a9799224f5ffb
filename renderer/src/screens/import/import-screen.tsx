/**
 * The import wizard: a file (dropped anywhere on the window or chosen), how it reads, which source it
 * comes from, how its columns map to the vault's fields, then the import itself with its result. Each
 * step keeps what was entered when going back; a file dropped at any point except during the run
 * starts again from its preview.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { freeTextCode, type MethodInput, type Source } from '../../../../main/api/contract';
import { api, type ClientError, type StagedFile } from '../../api/client';
import { ErrorAlert, Notice } from '../../components/alert';
import { declarationOf, sameDeclaration } from '../../components/declaration-fields';
import { JobProgressBar } from '../../components/job-progress';
import { PageHeader } from '../../components/section';
import { WizardSteps } from '../../components/wizard-steps';
import { useAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { useJob, type Job } from '../../hooks/use-job';
import { useWindowFileDrop } from '../../hooks/use-window-file-drop';
import { draftFromMapping, mappingFromDraft, type MappingDraft } from '../../lib/mapping';
import { sourceForFile } from '../../lib/source-match';
import type { Navigate } from '../../session/areas';
import { usePurposeCatalog } from '../../session/purpose-catalog';
import { hasRole, useSession } from '../../session/session-context';
import { CancelledRun } from './cancelled-run';
import { DropOverlay, FileStep } from './file-step';
import { ImportError } from './import-error';
import { ImportResult } from './import-result';
import type { FilePreview, ReadAsSaved, ReadOptions } from './import-types';
import { draftProblem, MappingStep } from './mapping-step';
import { PreviewStep } from './preview-step';
import { chosenSourceName, sourceProblem, SourceStep, type SourceChoice } from './source-step';

const STEPS = ['file', 'preview', 'source', 'mapping', 'run'] as const;
type Step = (typeof STEPS)[number];

interface PreviewState {
  readonly loading: boolean;
  readonly data: FilePreview | null;
  readonly error: ClientError | null;
}

interface MappingState {
  /** Source and read options the mapping was loaded for: coming back unchanged keeps the edits. */
  readonly key: string;
  readonly preview: FilePreview;
  readonly draft: MappingDraft;
}

/**
 * Errors the preview step can help with (another encoding, format or delimiter); any other problem
 * with a new file is shown where the file is chosen, to choose another.
 */
function fixableInPreview(error: ClientError): boolean {
  if (error.code === 'ENCODING_UNKNOWN' || error.code === 'INVALID_INPUT') return true;
  return error.code === 'FILE_UNSUPPORTED' && (error.params?.detected === 'not-xlsx' || error.params?.detected === 'xlsx');
}

/** After a refused "next", focus goes to the first field that says what is wrong (once it is rendered). */
function focusFirstProblem(step: Step): void {
  requestAnimationFrame(() => {
    const container = document.querySelector(`[data-testid="import-step-${step}"]`);
    const field = container?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[aria-describedby*="error"] input');
    (field ?? container?.querySelector<HTMLElement>('[role="alert"]'))?.focus();
  });
}

const NEW_SOURCE: SourceChoice = { mode: 'new', existing: '', newName: '', declaration: { purposes: [], lawfulBasis: 'contract', defaultCountry: null } };

/** The source whose saved read options a new file is first read with: the last file source used. */
function lastFileSource(sources: readonly Source[] | null): Source | null {
  return (
    (sources ?? []).filter((source) => source.kind === 'file').sort((a, b) => (b.lastRun?.startedAt ?? '').localeCompare(a.lastRun?.startedAt ?? ''))[0] ?? null
  );
}

/**
 * The source offered for the file: one whose saved mapping reads only columns the file has (the last used
 * among them, see lib/source-match.ts), else a new source. Not the last source used whatever the file.
 */
function defaultChoice(sources: readonly Source[] | null, preview: FilePreview | null): SourceChoice {
  const fitting = preview ? sourceForFile(sources ?? [], preview.headers) : null;
  if (fitting) return { ...NEW_SOURCE, mode: 'existing', existing: fitting.name, declaration: declarationOf(fitting) };
  return { ...NEW_SOURCE, declaration: { ...NEW_SOURCE.declaration, defaultCountry: preview?.mapping.defaultCountry ?? null } };
}

/** A file dropped on the window while another area was shown; `id` tells one drop from the next. */
export interface DroppedFile {
  readonly id: number;
  readonly file: File;
}

interface Props {
  /** False while another area is shown: the wizard keeps its state and the shell takes dropped files for it. */
  readonly active: boolean;
  /** The last file dropped elsewhere, opened here as if dropped on this screen. */
  readonly dropped?: DroppedFile | null;
  readonly onNavigate: Navigate;
}

export function ImportScreen({ active, dropped = null, onNavigate }: Props): ReactNode {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<StagedFile | null>(null);
  const [options, setOptions] = useState<ReadOptions>({});
  const [readAsSaved, setReadAsSaved] = useState<ReadAsSaved | null>(null);
  const [preview, setPreview] = useState<PreviewState>({ loading: false, data: null, error: null });
  const { user } = useSession();
  const admin = hasRole(user, 'administrator');
  const { reload: reloadCatalog } = usePurposeCatalog();
  const [purposeError, setPurposeError] = useState<ClientError | null>(null);
  // An administrator adds a purpose text of the file to the catalog, on consent; its names and bases are edited in Settings.
  const addPurpose = useCallback(
    async (text: string): Promise<boolean> => {
      const code = freeTextCode(text);
      const reply = await api.call('purposes.add', { code: code === '' ? 'purpose' : code, nameEn: text.trim(), bases: ['consent'] });
      setPurposeError(reply.ok ? null : reply.error);
      if (reply.ok) reloadCatalog();
      return reply.ok;
    },
    [reloadCatalog],
  );
  const previewRequest = useRef(0);
  const sources = useApiData('sources.list', {});
  // Until the user picks, the choice offered is a source whose saved mapping fits the file's columns (or a new one).
  const [picked, setChoice] = useState<SourceChoice | null>(null);
  const choice = picked ?? defaultChoice(sources.data, preview.data);
  // A new file is first read as the last one of the source picked, or used last: no sheet or list to choose
  // again. If its columns then fit another source (or none), it is read again as that source's files are.
  const readAs = picked?.mode === 'existing' && picked.existing ? picked.existing : (lastFileSource(sources.data)?.name ?? null);
  const [sourceErrors, setSourceErrors] = useState(false);
  const [mapping, setMapping] = useState<MappingState | null>(null);
  const [mappingErrors, setMappingErrors] = useState(false);
  const [ran, setRan] = useState<{ readonly fileName: string; readonly sourceName: string } | null>(null);
  const [opening, setOpening] = useState(false);
  const [fileError, setFileError] = useState<ClientError | null>(null);
  // A file dropped elsewhere while this wizard was busy with another: not opened, and said so.
  const [busyDrop, setBusyDrop] = useState<string | null>(null);
  const loadMapping = useAction(useCallback((input: MethodInput<'import.preview'>) => api.call('import.preview', input), []));
  const job = useJob('import.file');
  const heading = useRef<HTMLHeadingElement>(null);
  const firstStep = useRef(true);

  // Sources may have changed elsewhere (a connector added, another import) since the wizard was last shown.
  const reloadSources = sources.reload;
  const wasActive = useRef(active);
  useEffect(() => {
    if (active && !wasActive.current) reloadSources();
    wasActive.current = active;
  }, [active, reloadSources]);

  // A new step moves focus to its title, so keyboard and screen-reader users know where they are.
  useEffect(() => {
    if (firstStep.current) {
      firstStep.current = false;
      return;
    }
    heading.current?.focus();
  }, [step]);

  const readPreview = useCallback(async (staged: StagedFile, readOptions: ReadOptions): Promise<void> => {
    const request = ++previewRequest.current;
    setPreview((previous) => ({ ...previous, loading: true, error: null }));
    const result = await api.call('import.preview', { file: staged.path, options: readOptions });
    if (request !== previewRequest.current) return;
    setPreview(result.ok ? { loading: false, data: result.value, error: null } : { loading: false, data: null, error: result.error });
  }, []);

  // The staged file the wizard holds and no run has taken: in browser mode a copy with personal data in the
  // clear, so it is handed back as soon as the wizard lets go of it (another file, starting over, leaving)
  // rather than at the next lock. Once a run takes it, the backend removes it when the run is over.
  const held = useRef<StagedFile | null>(null);
  const letGo = useCallback((): void => {
    if (held.current) void api.discardFile(held.current);
    held.current = null;
  }, []);
  useEffect(() => letGo, [letGo]);

  const onFile = useCallback(
    async (chosen: File): Promise<void> => {
      // Only a file dropped on another area gets here while busy: this screen takes no drops then.
      if (job.running || opening) {
        setBusyDrop(chosen.name);
        return;
      }
      setOpening(true);
      setFileError(null);
      setBusyDrop(null);
      try {
        const staged = await api.stageFile(chosen);
        if (!staged.ok) {
          setFileError(staged.error);
          setStep('file');
          return;
        }
        const request = ++previewRequest.current;
        const previewAs = (source: string | null) =>
          api.call('import.preview', source ? { file: staged.value.path, source } : { file: staged.value.path, options: {} });
        let offered = readAs;
        let result = await previewAs(offered);
        if (result.ok && request === previewRequest.current) {
          // Read with the saved options of a source the file does not fit: read it again as the one it fits.
          const fitting = sourceForFile(sources.data ?? [], result.value.headers)?.name ?? null;
          const usedSaved = result.value.savedOptions !== null && Object.keys(result.value.savedOptions.used).length > 0;
          if (fitting !== offered && (usedSaved || fitting !== null)) {
            const again = await previewAs(fitting);
            if (again.ok) {
              result = again;
              offered = fitting;
            }
          } else if (fitting !== offered) offered = null;
        }
        if (request !== previewRequest.current || (!result.ok && !fixableInPreview(result.error))) {
          void api.discardFile(staged.value);
          if (request !== previewRequest.current) return;
          setFileError(result.ok ? null : result.error);
          setStep('file');
          return;
        }
        job.reset();
        letGo();
        held.current = staged.value;
        setFile(staged.value);
        const saved = result.ok ? result.value.savedOptions : null;
        setOptions(saved?.used ?? {});
        setReadAsSaved(offered && saved ? { source: offered, use: saved } : null);
        setPreview(result.ok ? { loading: false, data: result.value, error: null } : { loading: false, data: null, error: result.error });
        setMapping(null);
        setMappingErrors(false);
        setSourceErrors(false);
        // A new file gets the source that fits it, not the one picked for the last file.
        setChoice(null);
        setRan(null);
        setStep('preview');
      } finally {
        setOpening(false);
      }
    },
    [job, opening, readAs, sources.data, letGo],
  );

  const { dragging } = useWindowFileDrop(active && !job.running && !opening, (file) => void onFile(file));

  // Each drop handed over by the shell is taken once (effects may run twice in development).
  const takenDrop = useRef(0);
  useEffect(() => {
    if (!dropped || dropped.id === takenDrop.current) return;
    takenDrop.current = dropped.id;
    void onFile(dropped.file);
  }, [dropped, onFile]);

  function changeOptions(next: ReadOptions): void {
    if (!file) return;
    setOptions(next);
    setReadAsSaved(null);
    void readPreview(file, next);
  }

  function startOver(): void {
    letGo();
    job.reset();
    setFileError(null);
    setBusyDrop(null);
    setFile(null);
    setReadAsSaved(null);
    setPreview({ loading: false, data: null, error: null });
    setMapping(null);
    setRan(null);
    setStep('file');
  }

  async function toMapping(): Promise<void> {
    setSourceErrors(true);
    if (!file) return;
    if (sourceProblem(choice, sources.data ?? []) !== null) {
      focusFirstProblem('source');
      return;
    }
    const source = chosenSourceName(choice);
    const key = JSON.stringify([source, options]);
    if (mapping?.key === key) {
      setStep('mapping');
      return;
    }
    const result = await loadMapping.run({ file: file.path, options, source });
    if (!result.ok) return;
    let draft = draftFromMapping(result.value.headers, result.value.mapping);
    // A suggestion guesses the country from the rows; the one just declared for the source knows better.
    if (result.value.mappingFrom === 'suggested' && choice.declaration.defaultCountry) draft = { ...draft, defaultCountry: choice.declaration.defaultCountry };
    setMapping({ key, preview: result.value, draft });
    setMappingErrors(false);
    setStep('mapping');
  }

  async function run(): Promise<void> {
    setMappingErrors(true);
    if (!file || !mapping) return;
    if (draftProblem(mapping.draft) !== null) {
      focusFirstProblem('mapping');
      return;
    }
    const sourceName = chosenSourceName(choice);
    const existing = sources.data?.find((source) => source.name === sourceName);
    const declare = choice.mode === 'new' || !existing || !sameDeclaration(choice.declaration, declarationOf(existing));
    setRan({ fileName: file.name, sourceName });
    setStep('run');
    held.current = null;
    await job.start({
      file: file.path,
      source: sourceName,
      options,
      mapping: mappingFromDraft(mapping.draft),
      ...(declare
        ? {
            declaration: {
              purposes: [...choice.declaration.purposes],
              lawfulBasis: choice.declaration.lawfulBasis,
              defaultCountry: choice.declaration.defaultCountry,
            },
          }
        : {}),
    });
    // The source exists now (even after a failed run): the next file is offered to it, the last one used.
    setChoice(null);
    sources.reload();
  }

  const stepLabels = STEPS.map((key) => ({ key, label: t(`import.steps.${key}`) }));
  return (
    <div className="page page-wide import-page">
      <PageHeader title={t('import.title')} />
      <WizardSteps label={t('import.progressLabel')} steps={stepLabels} current={step} />
      {busyDrop !== null ? (
        <Notice tone="warning" testId="import-drop-busy">
          {t('import.file.dropBusy', { file: busyDrop })}
        </Notice>
      ) : null}
      <section className="card wizard-card" aria-labelledby="import-step-title" data-testid={`import-step-${step}`}>
        <h2 className="card-title step-title" id="import-step-title" ref={heading} tabIndex={-1}>
          {t(`import.stepTitles.${step}`, { file: file?.name ?? '', source: ran?.sourceName ?? '' })}
        </h2>
        {step === 'file' ? <FileStep busy={opening} error={fileError} onFile={(chosen) => void onFile(chosen)} /> : null}
        {step === 'preview' && file ? (
          <PreviewStep
            file={file}
            preview={preview.data}
            error={preview.error}
            loading={preview.loading}
            options={options}
            readAsSaved={readAsSaved}
            onOptions={changeOptions}
            onBack={startOver}
            onNext={() => setStep('source')}
          />
        ) : null}
        {step === 'source' ? (
          <SourceStep
            sources={sources.data}
            sourcesError={sources.error}
            choice={choice}
            suggestedCountry={preview.data?.mapping.defaultCountry ?? null}
            showErrors={sourceErrors}
            busy={loadMapping.busy}
            error={loadMapping.error}
            onChange={setChoice}
            onBack={() => setStep('preview')}
            onNext={() => void toMapping()}
          />
        ) : null}
        {step === 'mapping' ? <ErrorAlert error={purposeError} /> : null}
        {step === 'mapping' && mapping ? (
          <MappingStep
            preview={mapping.preview}
            draft={mapping.draft}
            mappingFrom={mapping.preview.mappingFrom}
            sourceName={chosenSourceName(choice)}
            showErrors={mappingErrors}
            onChange={(draft) => setMapping({ ...mapping, draft })}
            onBack={() => setStep('source')}
            onRun={() => void run()}
            {...(admin ? { onAddPurpose: addPurpose } : {})}
          />
        ) : null}
        {step === 'run' ? <RunStep job={job} fileName={ran?.fileName ?? ''} onAgain={startOver} onNavigate={onNavigate} /> : null}
      </section>
      <DropOverlay visible={dragging} />
    </div>
  );
}

function RunStep({
  job,
  fileName,
  onAgain,
  onNavigate,
}: {
  readonly job: Job<'import.file'>;
  readonly fileName: string;
  readonly onAgain: () => void;
  readonly onNavigate: Navigate;
}): ReactNode {
  const { t } = useTranslation();
  const { state } = job;
  return (
    <div className="stack">
      {state.kind === 'running' || state.kind === 'idle' ? (
        <JobProgressBar
          label={t('import.run.running', { file: fileName })}
          progress={state.kind === 'running' ? state.progress : null}
          cancelling={state.kind === 'running' && state.cancelling}
          onCancel={() => void job.cancel()}
        />
      ) : null}
      {state.kind === 'cancelled' ? <CancelledRun fileName={fileName} /> : null}
      {state.kind === 'failed' ? <ImportError error={state.error} context="run" testId="import-error" /> : null}
      {state.kind === 'completed' ? (
        <ImportResult run={state.value} fileName={fileName} onReview={() => onNavigate('quality', { sourceId: state.value.sourceId, runId: state.value.id })}
          onHeld={() => onNavigate('profiles', { profilesView: 'held' })}
        />
      ) : null}
      {state.kind !== 'running' && state.kind !== 'idle' ? (
        <div className="form-actions start">
          <button type="button" className="button button-primary" onClick={onAgain}>
            {t('import.run.another')}
          </button>
          {state.kind === 'completed' && state.value.inserted + state.value.updated > 0 ? (
            <button type="button" className="button" onClick={() => onNavigate('profiles')}>
              {t('import.run.seeProfiles')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/**
 * Erasing one person, in a modal <dialog> (the browser traps focus; Escape closes it unless a job runs):
 * 1. the preview, every count exact, and a stop when a litigation hold stands;
 * 2. the steward types the person's number, then the commit job runs (commit, then the verification scan),
 *    with its progress and cancel like every job; the certificate comes back.
 * A preview goes stale when the person's data changes meanwhile: the commit then answers CONFLICT
 * `planChanged`, and the only way on is a new preview.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErasureCertificate, ErasurePreview } from '../../../../main/api/contract';
import { api, type ClientError } from '../../api/client';
import { Notice } from '../../components/alert';
import { JobProgressBar } from '../../components/job-progress';
import { useJob } from '../../hooks/use-job';
import { shortHash } from '../../lib/format';
import { ErasureErrorAlert } from './erasure-error';
import { confirmationMatches, isPlanChanged } from './erasure-text';
import { PdfDownload } from './pdf-download';
import { PreviewView } from './preview-view';
import { TypedConfirmation } from './typed-confirmation';
import { useSourceNames } from './use-source-names';

type Step = 'preview' | 'confirm';

/** The job's own steps, said with the words the job list already has. */
const STEP_WORDS: Readonly<Record<string, string>> = { commit: 'removing', verify: 'verify' };

function CertificateDone({
  certificate,
  onOpen,
}: {
  readonly certificate: ErasureCertificate;
  readonly onOpen?: ((id: number) => void) | undefined;
}): ReactNode {
  const { t } = useTranslation();
  const clean = certificate.scan?.clean ?? null;
  return (
    <div
      className="result result-ok stack"
      data-testid="erasure-done"
      data-certificate={certificate.id}
      data-hash={certificate.hash}
      data-clean={clean === null ? 'unknown' : String(clean)}
    >
      <p className="result-title">{t('erasure.done.title', { id: certificate.id })}</p>
      <dl className="facts compact">
        <div>
          <dt>{t('erasure.certificate.fields.certificate')}</dt>
          <dd>{t('erasure.screen.certificateNumber', { id: certificate.id })}</dd>
        </div>
        <div>
          <dt>{t('erasure.certificate.hashHeading')}</dt>
          <dd>
            <code title={certificate.hash}>{shortHash(certificate.hash, 16)}</code>
          </dd>
        </div>
        <div>
          <dt>{t('erasure.certificate.scanHeading')}</dt>
          <dd data-testid="erasure-done-scan">
            {clean === null ? t('erasure.certificate.notScanned') : clean ? t('erasure.certificate.scan.clean') : t('erasure.facts.notClean')}
          </dd>
        </div>
      </dl>
      <PdfDownload certificateId={certificate.id} />
      {onOpen ? (
        <div>
          <button type="button" className="link-button" onClick={() => onOpen(certificate.id)}>
            {t('erasure.done.open')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Sources are read only once a preview is shown: the dialog sits closed on every person's page. */
function PreviewWithSources({ preview }: { readonly preview: ErasurePreview }): ReactNode {
  return <PreviewView preview={preview} sourceNames={useSourceNames()} />;
}

interface Props {
  readonly open: boolean;
  readonly profileId: number;
  readonly requestId?: number | undefined;
  readonly name: string;
  /** Called once the dialog closes after an erasure: the person is gone, the page must read again. */
  readonly onErased: (certificate: ErasureCertificate) => void;
  readonly onClose: () => void;
  readonly onOpenCertificate?: ((id: number) => void) | undefined;
}

export function EraseDialog({ open, profileId, requestId, name, onErased, onClose, onOpenCertificate }: Props): ReactNode {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const confirmId = useId();
  const job = useJob('erasure.commit');
  const [step, setStep] = useState<Step>('preview');
  const [preview, setPreview] = useState<ErasurePreview | null>(null);
  const [previewError, setPreviewError] = useState<ClientError | null>(null);
  const [loading, setLoading] = useState(false);
  const [typed, setTyped] = useState('');
  const latest = useRef(0);

  const load = useCallback(async (): Promise<void> => {
    const request = ++latest.current;
    setLoading(true);
    setPreviewError(null);
    const result = await api.call('erasure.preview', { profileId, ...(requestId === undefined ? {} : { requestId }) });
    if (request !== latest.current) return;
    setLoading(false);
    if (result.ok) setPreview(result.value);
    else setPreviewError(result.error);
  }, [profileId, requestId]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      element.showModal();
      void load();
    }
    if (!open && element.open) element.close();
  }, [open, load]);

  // Each step's heading takes focus, so a keyboard or screen-reader user knows the dialog moved on.
  useEffect(() => {
    if (open) heading.current?.focus();
  }, [open, step, job.state.kind]);

  const certificate = job.state.kind === 'completed' ? job.state.value : null;
  const failed = job.state.kind === 'failed' ? job.state.error : null;
  const planChanged = isPlanChanged(failed);
  const blocked = preview !== null && preview.blockedBy.length > 0;

  function close(): void {
    if (job.running) return;
    latest.current += 1;
    setStep('preview');
    setPreview(null);
    setPreviewError(null);
    setTyped('');
    job.reset();
    if (certificate !== null) onErased(certificate);
    onClose();
  }

  function previewAgain(): void {
    job.reset();
    setTyped('');
    setStep('preview');
    setPreview(null);
    void load();
  }

  async function commit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (preview === null || blocked || !confirmationMatches(typed, profileId)) return;
    await job.start({ profileId, ...(requestId === undefined ? {} : { requestId }), token: preview.token });
  }

  // The person's name once the preview has read it: a request's page knows them only by number.
  const shownName = preview?.displayName || name;
  const title =
    certificate !== null
      ? t('erasure.done.heading', { name: shownName })
      : step === 'preview'
        ? t('erasure.erase.previewTitle', { name: shownName })
        : t('erasure.erase.confirmTitle', { name: shownName });
  const progress = job.state.kind === 'running' ? job.state.progress : null;

  return (
    <dialog
      ref={dialog}
      className="dialog dialog-wide"
      aria-labelledby={titleId}
      data-testid="erase-dialog"
      data-step={certificate !== null ? 'done' : step}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <div className="dialog-body stack">
        {certificate !== null ? (
          <CertificateDone
            certificate={certificate}
            onOpen={
              onOpenCertificate === undefined
                ? undefined
                : (id) => {
                    close();
                    onOpenCertificate(id);
                  }
            }
          />
        ) : step === 'preview' ? (
          <>
            <p>{t('erasure.erase.intro', { id: profileId })}</p>
            {requestId !== undefined ? <p className="muted small">{t('erasure.erase.forRequest', { id: requestId })}</p> : null}
            <ErasureErrorAlert error={previewError} testId="erasure-preview-error" />
            {loading ? <p className="muted">{t('common.loading')}</p> : preview !== null ? <PreviewWithSources preview={preview} /> : null}
          </>
        ) : (
          <form id={`${confirmId}-form`} className="stack" onSubmit={(event) => void commit(event)} noValidate>
            <Notice tone="warning">{t('erasure.erase.irreversible')}</Notice>
            <TypedConfirmation
              id={confirmId}
              label={t('erasure.erase.typeToConfirm', { id: profileId })}
              hint={t('erasure.erase.typeHint')}
              value={typed}
              disabled={job.running}
              onChange={setTyped}
              testId="erasure-confirm-input"
            />
            {job.state.kind === 'running' ? (
              <JobProgressBar
                label={t('erasure.erase.running', { name: shownName })}
                progress={progress === null ? null : { ...progress, step: STEP_WORDS[progress.step] ?? progress.step }}
                cancelling={job.state.cancelling}
                onCancel={() => void job.cancel()}
              />
            ) : null}
            {job.state.kind === 'cancelled' ? <Notice tone="warning">{t('erasure.erase.cancelled')}</Notice> : null}
            {planChanged ? (
              <div className="alert alert-warning" role="alert" data-testid="erasure-plan-changed">
                {t('erasure.errors.planChanged')}{' '}
                <button type="button" className="button button-small" onClick={previewAgain}>
                  {t('erasure.erase.previewAgain')}
                </button>
              </div>
            ) : (
              <ErasureErrorAlert error={failed} testId="erasure-commit-error" />
            )}
          </form>
        )}
      </div>
      <div className="dialog-actions">
        {certificate !== null ? (
          <button type="button" className="button button-primary" onClick={close}>
            {t('erasure.erase.close')}
          </button>
        ) : step === 'preview' ? (
          <>
            <button type="button" className="button" onClick={close}>
              {t('common.cancel')}
            </button>
            {previewError !== null ? (
              <button type="button" className="button" onClick={() => void load()} disabled={loading}>
                {t('common.retry')}
              </button>
            ) : null}
            {preview !== null && !blocked ? (
              <button type="button" className="button button-primary" onClick={() => setStep('confirm')} disabled={loading}>
                {t('erasure.erase.continue')}
              </button>
            ) : null}
          </>
        ) : (
          <>
            <button type="button" className="button" onClick={() => setStep('preview')} disabled={job.running}>
              {t('erasure.erase.back')}
            </button>
            <button type="button" className="button" onClick={close} disabled={job.running}>
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              form={`${confirmId}-form`}
              className="button button-danger"
              disabled={job.running || planChanged || !confirmationMatches(typed, profileId)}
              aria-busy={job.running}
            >
              {job.running ? t('common.working') : t('erasure.erase.submit')}
            </button>
          </>
        )}
      </div>
    </dialog>
  );
}

/** The danger button that opens the dialog: on a person's page, and per person on an erasure request. */
export function EraseButton({
  profileId,
  requestId,
  name,
  label,
  small = false,
  onErased,
  onOpenCertificate,
}: {
  readonly profileId: number;
  readonly requestId?: number | undefined;
  readonly name: string;
  readonly label: string;
  readonly small?: boolean;
  readonly onErased: (certificate: ErasureCertificate) => void;
  readonly onOpenCertificate?: ((id: number) => void) | undefined;
}): ReactNode {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={`button button-danger${small ? ' button-small' : ''}`}
        onClick={() => setOpen(true)}
        data-testid="erase-button"
        data-profile={profileId}
        aria-haspopup="dialog"
      >
        {label}
      </button>
      <EraseDialog
        open={open}
        profileId={profileId}
        requestId={requestId}
        name={name}
        onErased={onErased}
        onClose={() => setOpen(false)}
        onOpenCertificate={onOpenCertificate}
      />
    </>
  );
}

/**
 * An extract: an agreement and an audience, previewed first (who is included, who is left out and why, a
 * few rows to check the columns, and the lease's refusal if it refuses now), then produced as CSV or JSON
 * into a chosen file or the agreement's own delivery. The register entry it made is shown at the end.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agreement, ExtractFormat, ExtractPreview, RegisterEntry } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { SelectField, TextField } from '../../components/field';
import { JobStatus } from '../../components/job-status';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiData } from '../../hooks/use-api-data';
import { useJob } from '../../hooks/use-job';
import { formatNumber } from '../../lib/format';
import { useSession } from '../../session/session-context';
import { fieldName } from './agreement-form';
import { AudienceFields } from './audience-fields';
import { ExclusionsChart } from './exclusions-chart';
import { audienceOf, defaultExtractFile, EMPTY_AUDIENCE, exclusionTotal, existingFile, refusalError, type AudienceDraft } from './partners-text';

function PreviewView({ preview }: { readonly preview: ExtractPreview }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const excluded = exclusionTotal(preview.excluded);
  return (
    <div className="stack" data-testid="extract-preview" data-included={preview.included} data-excluded={excluded} data-refusal={preview.refusal ?? ''}>
      {preview.refusal !== null ? <ErrorAlert error={refusalError(preview.refusal, preview.agreementId)} testId="extract-refusal" /> : null}
      <p data-testid="extract-counts">
        {t('partners.screens.preview.counts', {
          count: preview.audience,
          audience: formatNumber(preview.audience, language),
          included: formatNumber(preview.included, language),
          excluded: formatNumber(excluded, language),
        })}
      </p>
      <ExclusionsChart excluded={preview.excluded} />
      {preview.sample.length > 0 ? (
        <div className="table-wrap">
          <table className="table" data-testid="extract-sample">
            <caption>{t('partners.screens.preview.sample', { count: preview.sample.length })}</caption>
            <thead>
              <tr>
                {preview.fields.map((field) => (
                  <th key={field} scope="col">
                    {fieldName(t, field)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((row, index) => (
                <tr key={index}>
                  {preview.fields.map((field) => (
                    <td key={field}>{row[field] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** What the register now holds about the extract just made. */
export function EntryFacts({ entry }: { readonly entry: RegisterEntry }): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <div className="result result-ok" data-testid="extract-result" data-entry={entry.id} data-sha256={entry.sha256} data-people={entry.people}>
      <p className="result-title">
        {t('partners.screens.produce.done', { id: entry.id, count: entry.people, formatted: formatNumber(entry.people, i18n.language) })}
      </p>
      <dl className="facts compact">
        <div>
          <dt>{t('partners.screens.register.file')}</dt>
          <dd>
            <code data-testid="extract-file">{entry.fileName}</code> ({t(`partners.screens.deliveredTo.${entry.deliveredTo}`)})
          </dd>
        </div>
        <div>
          <dt>SHA-256</dt>
          <dd>
            <code className="wrap">{entry.sha256}</code>
          </dd>
        </div>
        <div>
          <dt>{t('partners.screens.register.people')}</dt>
          <dd>{formatNumber(entry.people, i18n.language)}</dd>
        </div>
        <div>
          <dt>{t('partners.screens.register.fields')}</dt>
          <dd>{entry.fields.map((field) => fieldName(t, field)).join(', ')}</dd>
        </div>
      </dl>
    </div>
  );
}

function ProduceForm({
  agreement,
  draft,
  onProduced,
}: {
  readonly agreement: Agreement;
  readonly draft: AudienceDraft;
  readonly onProduced: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const { status } = useSession();
  const job = useJob('extracts.run');
  const [format, setFormat] = useState<ExtractFormat>('csv');
  const [target, setTarget] = useState<'file' | 'agreement'>('file');
  const [outFile, setOutFile] = useState(() => defaultExtractFile(status.suggestedExportDir, agreement.id, 'csv'));
  const checked = audienceOf(draft);
  const ready = 'audience' in checked && (target === 'agreement' || outFile.trim() !== '');

  async function start(overwrite: boolean): Promise<void> {
    if (!('audience' in checked)) return;
    await job.start({ agreementId: agreement.id, audience: checked.audience, format, overwrite, ...(target === 'file' ? { outFile: outFile.trim() } : {}) });
    onProduced();
  }

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (ready) void start(false);
  }

  const existing = job.state.kind === 'failed' ? existingFile(job.state.error) : null;
  const entry = job.state.kind === 'completed' ? job.state.value : null;
  return (
    <Section title={t('partners.screens.produce.title')} description={t('partners.screens.produce.description')} id="extract-produce">
      <form className="form" onSubmit={submit} noValidate aria-label={t('partners.screens.produce.title')} data-testid="extract-produce-form">
        <SelectField
          label={t('partners.screens.produce.format')}
          value={format}
          onChange={(event) => {
            const next = event.target.value === 'json' ? 'json' : 'csv';
            setFormat(next);
            setOutFile((file) => file.replace(/\.(csv|json)$/, `.${next}`));
          }}
          disabled={job.running}
          name="format"
        >
          <option value="csv">CSV</option>
          <option value="json">JSON</option>
        </SelectField>
        <fieldset className="choice-group">
          <legend>{t('partners.screens.produce.target')}</legend>
          <label className="checkbox">
            <input type="radio" name="extract-target" checked={target === 'file'} onChange={() => setTarget('file')} disabled={job.running} />
            <span>{t('partners.screens.produce.toFile')}</span>
          </label>
          <label className="checkbox">
            <input type="radio" name="extract-target" checked={target === 'agreement'} onChange={() => setTarget('agreement')} disabled={job.running} />
            <span>
              {agreement.delivery.kind === 'folder'
                ? t('partners.screens.produce.toFolder', { folder: agreement.delivery.folder })
                : t('partners.screens.produce.toSftp', { host: agreement.delivery.target.host })}
            </span>
          </label>
        </fieldset>
        {target === 'file' ? (
          <TextField
            label={t('partners.screens.produce.file')}
            hint={t('partners.screens.produce.fileHint')}
            spellCheck={false}
            value={outFile}
            onChange={(event) => setOutFile(event.target.value)}
            disabled={job.running}
            name="outFile"
            error={outFile.trim() === '' ? t('validation.fileRequired') : null}
          />
        ) : null}
        <div className="form-actions start">
          <SubmitButton busy={job.running} disabled={!ready}>
            {t('partners.screens.produce.run')}
          </SubmitButton>
        </div>
      </form>
      {existing === null ? <JobStatus job={job} label={t('partners.screens.produce.running')} /> : null}
      <ConfirmDialog
        open={existing !== null}
        title={t('partners.screens.produce.replaceTitle')}
        confirmLabel={t('partners.screens.produce.replace')}
        danger
        onConfirm={() => void start(true)}
        onCancel={job.reset}
      >
        <p>{t('partners.screens.produce.replaceText', { file: existing ?? '' })}</p>
      </ConfirmDialog>
      {entry !== null ? <EntryFacts entry={entry} /> : null}
    </Section>
  );
}

export function ExtractPanel({ onProduced }: { readonly onProduced: () => void }): ReactNode {
  const { t } = useTranslation();
  const agreements = useApiData('agreements.list', {});
  const preview = useJob('extracts.preview');
  const [agreementId, setAgreementId] = useState('');
  const [draft, setDraft] = useState<AudienceDraft>(EMPTY_AUDIENCE);
  // Each preview gets a fresh produce form: its result and file name belong to that preview.
  const [previews, setPreviews] = useState(0);
  const agreement = (agreements.data ?? []).find((entry) => String(entry.id) === agreementId) ?? null;
  const checked = audienceOf(draft);
  const ready = agreement !== null && 'audience' in checked;
  const result = preview.state.kind === 'completed' ? preview.state.value : null;

  // A preview no longer describes the extract once its agreement or audience change.
  function change(update: () => void): void {
    update();
    if (!preview.running) preview.reset();
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!ready || !('audience' in checked)) return;
    setPreviews((value) => value + 1);
    await preview.start({ agreementId: agreement.id, audience: checked.audience });
  }

  return (
    <div className="stack" data-testid="extract-panel">
      <p className="lead">{t('partners.screens.extract.intro')}</p>
      <ErrorAlert error={agreements.error} />
      {agreements.data !== null && agreements.data.length === 0 ? <Notice>{t('partners.screens.extract.noAgreements')}</Notice> : null}
      <Section title={t('partners.screens.extract.title')} id="extract-preview-form">
        <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('partners.screens.extract.title')} data-testid="extract-form">
          <SelectField
            label={t('partners.screens.extract.agreement')}
            value={agreementId}
            onChange={(event) => change(() => setAgreementId(event.target.value))}
            disabled={preview.running}
            name="agreementId"
          >
            <option value="">{t('partners.screens.extract.chooseAgreement')}</option>
            {(agreements.data ?? []).map((entry) => (
              <option key={entry.id} value={String(entry.id)}>
                {t('partners.screens.extract.agreementOption', {
                  id: entry.id,
                  title: entry.title,
                  partner: entry.partnerName,
                  state: t(`partners.screens.states.${entry.state}`),
                })}
              </option>
            ))}
          </SelectField>
          <AudienceFields value={draft} onChange={(next) => change(() => setDraft(next))} disabled={preview.running} />
          <div className="form-actions start">
            <SubmitButton busy={preview.running} disabled={!ready}>
              {t('partners.screens.extract.preview')}
            </SubmitButton>
          </div>
        </form>
        <JobStatus job={preview} label={t('partners.screens.extract.previewing')} />
      </Section>
      {result !== null ? <PreviewView preview={result} /> : null}
      {result !== null && result.refusal === null && agreement !== null ? (
        <ProduceForm key={previews} agreement={agreement} draft={draft} onProduced={onProduced} />
      ) : null}
    </div>
  );
}

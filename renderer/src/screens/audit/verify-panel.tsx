/**
 * Verification: the whole chain on its own, or against a checkpoint file kept outside the vault, which
 * also proves that nothing was cut off or rewritten since that checkpoint was taken.
 */
import { useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Checkpoint } from '../../../../main/api/contract';
import { JobStatus } from '../../components/job-status';
import { Section } from '../../components/section';
import { FileField } from '../../components/file-field';
import { useJob } from '../../hooks/use-job';
import { parseCheckpointFile } from '../../lib/checkpoint-file';
import { formatDateTime, shortHash } from '../../lib/format';
import { VerifyReportView } from './verify-report-view';

function CheckpointSummary({ checkpoint }: { readonly checkpoint: Checkpoint }): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <dl className="facts compact" data-testid="checkpoint-summary">
      <div>
        <dt>{t('audit.checkpoint.position')}</dt>
        <dd>{t('audit.seqValue', { seq: checkpoint.seq })}</dd>
      </div>
      <div>
        <dt>{t('audit.checkpoint.takenAt')}</dt>
        <dd>{formatDateTime(checkpoint.takenAt, i18n.language)}</dd>
      </div>
      <div>
        <dt>{t('audit.checkpoint.takenBy')}</dt>
        <dd>
          {checkpoint.takenBy.name} ({t(`roles.${checkpoint.takenBy.role}`)})
        </dd>
      </div>
      <div>
        <dt>{t('audit.checkpoint.headHash')}</dt>
        <dd>
          <code title={checkpoint.headHash}>{shortHash(checkpoint.headHash, 16)}</code>
        </dd>
      </div>
      <div>
        <dt>{t('audit.checkpoint.signature')}</dt>
        <dd>
          {checkpoint.signature ? (
            <code title={checkpoint.signature.fingerprint}>{shortHash(checkpoint.signature.fingerprint, 16)}</code>
          ) : (
            t('audit.checkpoint.unsigned')
          )}
        </dd>
      </div>
    </dl>
  );
}

export function VerifyPanel({ onFinished }: { readonly onFinished: () => void }): ReactNode {
  const { t } = useTranslation();
  const chain = useJob('audit.verify');
  const against = useJob('audit.verify');
  const [checkpoint, setCheckpoint] = useState<Checkpoint | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const busy = chain.running || against.running;

  async function run(job: typeof chain, input: { checkpoint?: Checkpoint }): Promise<void> {
    await job.start(input);
    onFinished();
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    against.reset();
    setCheckpoint(null);
    setFileProblem(null);
    const file = event.target.files?.[0];
    if (!file) return;
    const parsed = parseCheckpointFile(await file.text());
    if (parsed.ok) setCheckpoint(parsed.checkpoint);
    else setFileProblem(t(`audit.checkpoint.fileProblem.${parsed.reason}`));
  }

  return (
    <div className="stack">
      <Section title={t('audit.verify.title')} description={t('audit.verify.description')} id="verify-chain">
        <div className="form-actions start">
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void run(chain, {})}>
            {t('audit.verify.run')}
          </button>
        </div>
        <JobStatus job={chain} label={t('audit.verify.running')} />
        {chain.state.kind === 'completed' ? <VerifyReportView report={chain.state.value} /> : null}
      </Section>
      <Section title={t('audit.verify.againstTitle')} description={t('audit.verify.againstDescription')} id="verify-checkpoint">
        <FileField
          label={t('audit.checkpoint.file')}
          accept=".json,application/json"
          disabled={busy}
          onChange={(event) => void onFile(event)}
          error={fileProblem}
        />
        {checkpoint ? <CheckpointSummary checkpoint={checkpoint} /> : null}
        <div className="form-actions start">
          <button
            type="button"
            className="button button-primary"
            disabled={busy || !checkpoint}
            onClick={() => checkpoint && void run(against, { checkpoint })}
          >
            {t('audit.verify.runAgainst')}
          </button>
        </div>
        <JobStatus job={against} label={t('audit.verify.running')} />
        {against.state.kind === 'completed' ? <VerifyReportView report={against.state.value} /> : null}
      </Section>
    </div>
  );
}

/**
 * Recording what a person said (a grant, a withdrawal, an objection) in one confirmation: how they said it,
 * the evidence, and when. Withdrawing takes exactly the steps granting takes.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORDING_METHODS, type RecordingMethod } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { SelectField, TextField } from '../../components/field';
import { useApiAction } from '../../hooks/use-action';

export type RecordedKind = 'grant' | 'withdrawal' | 'objection';

export interface ConsentRequest {
  readonly purpose: string;
  readonly purposeName: string;
  readonly kind: RecordedKind;
}

/** The caller gives each request its own `key`: a new request starts blank, never with the last one's evidence. */
interface Props {
  readonly profileId: number;
  readonly request: ConsentRequest | null;
  readonly onDone: (recorded: { purposeName: string; state: string }) => void;
  readonly onCancel: () => void;
}

export function ConsentDialog({ profileId, request, onDone, onCancel }: Props): ReactNode {
  const { t } = useTranslation();
  const record = useApiAction('consent.record');
  const [method, setMethod] = useState<RecordingMethod>('phone');
  const [evidence, setEvidence] = useState('');
  const [at, setAt] = useState('');

  async function confirm(): Promise<void> {
    if (request === null) return;
    const result = await record.run({
      profileId,
      purpose: request.purpose,
      kind: request.kind,
      method,
      ...(evidence.trim() === '' ? {} : { evidence: evidence.trim() }),
      // The field is local time; the ledger keeps UTC.
      ...(at === '' ? {} : { at: new Date(at).toISOString() }),
    });
    if (result.ok) onDone({ purposeName: request.purposeName, state: result.value.state.state });
  }

  return (
    <ConfirmDialog
      open={request !== null}
      title={request === null ? '' : t(`consent.dialogTitle.${request.kind}`, { purpose: request.purposeName })}
      confirmLabel={t('consent.confirm')}
      busy={record.busy}
      danger={request?.kind !== 'grant'}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <div className="stack" data-testid="consent-dialog">
        <p>{t('consent.dialogIntro')}</p>
        <ErrorAlert error={record.error} />
        <SelectField label={t('consent.method')} value={method} onChange={(event) => setMethod(event.target.value as RecordingMethod)}>
          {RECORDING_METHODS.map((choice) => (
            <option key={choice} value={choice}>
              {t(`consent.methods.${choice}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('consent.evidence')} hint={t('consent.evidenceHint')} value={evidence} maxLength={500} onChange={(event) => setEvidence(event.target.value)} />
        <TextField type="datetime-local" label={t('consent.at')} value={at} onChange={(event) => setAt(event.target.value)} />
      </div>
    </ConfirmDialog>
  );
}

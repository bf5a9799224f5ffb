/**
 * A bulk action of the consent review, in two steps: choose what to record (a withdrawal, an objection, or
 * a grant renewed with its evidence) and how the people said so; the count it would record is asked first
 * (a preview, nothing written), and Confirm records it. Withdrawing takes the same steps as granting.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORDING_METHODS, type RecordingMethod, type ReviewFinding } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { SelectField, TextField } from '../../components/field';
import { useApiAction } from '../../hooks/use-action';
import { formatNumber } from '../../lib/format';

export type BulkScope = { readonly kind: 'selected'; readonly pairs: readonly { profileId: number; purpose: string }[] } | { readonly kind: 'all'; readonly total: number };

const KINDS = ['withdrawal', 'objection', 'grant'] as const;
type Kind = (typeof KINDS)[number];

interface Props {
  readonly finding: ReviewFinding;
  readonly expiringDays: number;
  readonly purpose: string | undefined;
  readonly scope: BulkScope;
  readonly onDone: (count: number, people: number) => void;
  readonly onCancel: () => void;
}

export function BulkDialog({ finding, expiringDays, purpose, scope, onDone, onCancel }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const preview = useApiAction('consent.reviewAct');
  const act = useApiAction('consent.reviewAct');
  const [kind, setKind] = useState<Kind>('withdrawal');
  const [method, setMethod] = useState<RecordingMethod>('steward');
  const [evidence, setEvidence] = useState('');
  const [until, setUntil] = useState('');
  const [preCount, setPreCount] = useState<{ key: string; count: number; people: number } | null>(null);

  const input = {
    finding,
    expiringDays,
    ...(purpose === undefined ? {} : { purpose }),
    ...(scope.kind === 'selected' ? { pairs: [...scope.pairs] } : {}),
    kind,
    method,
    ...(evidence.trim() === '' ? {} : { evidence: evidence.trim() }),
    ...(kind === 'grant' && until !== '' ? { expiresAt: new Date(until).toISOString() } : {}),
  };
  const inputKey = JSON.stringify(input);

  // The count shown is the one asked for the form as it is now; a changed form is counted again.
  const counted = preCount?.key === inputKey ? preCount : null;
  useEffect(() => {
    void preview.run({ ...(JSON.parse(inputKey) as typeof input), confirm: false }).then((result) => {
      if (result.ok) setPreCount({ key: inputKey, count: result.value.count, people: result.value.people });
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the preview follows the form, compared by value
  }, [inputKey]);

  async function confirm(): Promise<void> {
    const result = await act.run({ ...input, confirm: true });
    if (result.ok) onDone(result.value.count, result.value.people);
  }

  return (
    <ConfirmDialog
      open
      title={t(`consentReview.bulk.title.${kind}`)}
      confirmLabel={counted === null ? t('consentReview.bulk.confirm') : t('consentReview.bulk.confirmCount', { count: counted.count, formatted: formatNumber(counted.count, language) })}
      busy={act.busy || counted === null || counted.count === 0}
      danger={kind !== 'grant'}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <div className="stack" data-testid="review-bulk-dialog">
        <p>{scope.kind === 'selected' ? t('consentReview.bulk.scopeSelected', { count: scope.pairs.length, formatted: formatNumber(scope.pairs.length, language) }) : t('consentReview.bulk.scopeAll', { count: scope.total, formatted: formatNumber(scope.total, language) })}</p>
        <SelectField label={t('consentReview.bulk.kind')} value={kind} onChange={(event) => setKind(event.target.value as Kind)} data-testid="review-bulk-kind">
          {KINDS.map((choice) => (
            <option key={choice} value={choice}>
              {t(`consentReview.bulk.kinds.${choice}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('consent.method')} value={method} onChange={(event) => setMethod(event.target.value as RecordingMethod)}>
          {RECORDING_METHODS.map((choice) => (
            <option key={choice} value={choice}>
              {t(`consent.methods.${choice}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('consent.evidence')}
          hint={kind === 'grant' ? t('consentReview.bulk.evidenceRequired') : t('consent.evidenceHint')}
          value={evidence}
          maxLength={500}
          onChange={(event) => setEvidence(event.target.value)}
        />
        {kind === 'grant' ? <TextField type="datetime-local" label={t('consentReview.bulk.until')} value={until} onChange={(event) => setUntil(event.target.value)} /> : null}
        <ErrorAlert error={act.error ?? preview.error} />
        <p role="status" data-testid="review-bulk-preview">
          {counted === null ? t('consentReview.bulk.counting') : t('consentReview.bulk.preview', { count: counted.count, formatted: formatNumber(counted.count, language), people: formatNumber(counted.people, language) })}
        </p>
      </div>
    </ConfirmDialog>
  );
}

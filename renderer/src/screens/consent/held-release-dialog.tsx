/**
 * Releasing held records in one confirmation: the lawful basis (only those every chosen purpose allows),
 * how the consent was given when the basis is consent, and where the evidence is kept.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LAWFUL_BASES, RECORDING_METHODS, type HeldRecord, type LawfulBasis, type Purpose, type RecordingMethod } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { SelectField, TextField } from '../../components/field';
import { useApiAction } from '../../hooks/use-action';
import { formatNumber } from '../../lib/format';
import { purposeName } from '../../lib/purpose-name';

interface Props {
  readonly records: readonly HeldRecord[];
  readonly purposes: ReadonlyMap<string, Purpose>;
  readonly open: boolean;
  readonly onDone: (released: number) => void;
  readonly onCancel: () => void;
}

/** The bases every purpose allows (all of them while the catalog is unknown: the vault refuses a wrong one). */
export function allowedBases(codes: readonly string[], purposes: ReadonlyMap<string, Pick<Purpose, 'bases'>>): LawfulBasis[] {
  return LAWFUL_BASES.filter((basis) => codes.every((code) => purposes.get(code)?.bases.includes(basis) ?? true));
}

export function HeldReleaseDialog({ records, purposes, open, onDone, onCancel }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const release = useApiAction('consent.release');
  const lacking = [...new Set(records.flatMap((record) => record.purposes))];
  const [purpose, setPurpose] = useState('');
  const chosen = purpose === '' ? lacking : [purpose];
  const bases = allowedBases(chosen, purposes);
  const [basis, setBasis] = useState<LawfulBasis | ''>('');
  const shownBasis = basis !== '' && bases.includes(basis) ? basis : (bases[0] ?? '');
  const [method, setMethod] = useState<RecordingMethod>('web_form');
  const [evidence, setEvidence] = useState('');
  const [missing, setMissing] = useState(false);

  async function confirm(): Promise<void> {
    if (shownBasis === '') return;
    if (evidence.trim() === '') {
      setMissing(true);
      return;
    }
    const result = await release.run({
      recordIds: records.map((record) => record.recordId),
      basis: shownBasis,
      evidence: evidence.trim(),
      ...(shownBasis === 'consent' ? { method } : {}),
      ...(purpose === '' ? {} : { purpose }),
    });
    if (result.ok) onDone(result.value.released);
  }

  return (
    <ConfirmDialog
      open={open}
      title={t('held.releaseTitle', { count: records.length, formatted: formatNumber(records.length, i18n.language) })}
      confirmLabel={t('held.confirmRelease')}
      busy={release.busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <div className="stack" data-testid="held-release-dialog">
        <p>{t('held.releaseIntro')}</p>
        <ErrorAlert error={release.error} />
        {lacking.length > 1 ? (
          <SelectField label={t('held.purpose')} value={purpose} onChange={(event) => setPurpose(event.target.value)}>
            <option value="">{t('held.purposeAll')}</option>
            {lacking.map((code) => (
              <option key={code} value={code}>
                {purposeName(purposes.get(code), code, i18n.language)}
              </option>
            ))}
          </SelectField>
        ) : null}
        {bases.length === 0 ? (
          <p className="alert alert-warning">{t('held.noBasis')}</p>
        ) : (
          <SelectField label={t('held.basis')} hint={t('held.basisHint')} value={shownBasis} onChange={(event) => setBasis(event.target.value as LawfulBasis)}>
            {bases.map((choice) => (
              <option key={choice} value={choice}>
                {t(`lawfulBasis.${choice}`)}
              </option>
            ))}
          </SelectField>
        )}
        {shownBasis === 'consent' ? (
          <SelectField label={t('held.method')} value={method} onChange={(event) => setMethod(event.target.value as RecordingMethod)}>
            {RECORDING_METHODS.map((choice) => (
              <option key={choice} value={choice}>
                {t(`consent.methods.${choice}`)}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          label={t('held.evidence')}
          hint={t('held.evidenceHint')}
          error={missing && evidence.trim() === '' ? t('held.evidenceRequired') : null}
          value={evidence}
          maxLength={500}
          required
          data-testid="held-evidence"
          onChange={(event) => setEvidence(event.target.value)}
        />
      </div>
    </ConfirmDialog>
  );
}

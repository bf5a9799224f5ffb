/**
 * Adding or editing a purpose of the catalog (administrators). The code is chosen once: sources and ledger
 * events point at it. Editing what people are told makes a new notice version; past events keep theirs.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LAWFUL_BASES, type LawfulBasis, type Purpose } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { TextField } from '../../components/field';
import { useApiAction } from '../../hooks/use-action';
import { SettingsChoices } from '../identity/settings-choices';

interface Fields {
  code: string;
  nameEn: string;
  nameFr: string;
  descriptionEn: string;
  descriptionFr: string;
  bases: LawfulBasis[];
  expressConsent: boolean;
  saleOrSharing: boolean;
  retentionDays: string;
}

function fieldsOf(purpose: Purpose | null): Fields {
  return {
    code: purpose?.code ?? '',
    nameEn: purpose?.nameEn ?? '',
    nameFr: purpose?.nameFr ?? '',
    descriptionEn: purpose?.descriptionEn ?? '',
    descriptionFr: purpose?.descriptionFr ?? '',
    bases: purpose?.bases ?? [],
    expressConsent: purpose?.expressConsent ?? false,
    saleOrSharing: purpose?.saleOrSharing ?? false,
    retentionDays: purpose?.retentionDays === null || purpose === null ? '' : String(purpose.retentionDays),
  };
}

interface Props {
  /** Null to add a purpose. */
  readonly purpose: Purpose | null;
  readonly onSaved: (saved: Purpose) => void;
  readonly onCancel: () => void;
}

export function PurposeForm({ purpose, onSaved, onCancel }: Props): ReactNode {
  const { t } = useTranslation();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(purpose));
  const [basesMissing, setBasesMissing] = useState(false);
  const add = useApiAction('purposes.add');
  const update = useApiAction('purposes.update');
  const busy = add.busy || update.busy;
  const set = (change: Partial<Fields>): void => setFields((current) => ({ ...current, ...change }));

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (fields.bases.length === 0) {
      setBasesMissing(true);
      return;
    }
    const values = {
      nameEn: fields.nameEn.trim(),
      nameFr: fields.nameFr.trim() === '' ? fields.nameEn.trim() : fields.nameFr.trim(),
      descriptionEn: fields.descriptionEn.trim(),
      descriptionFr: fields.descriptionFr.trim(),
      bases: fields.bases,
      expressConsent: fields.expressConsent,
      saleOrSharing: fields.saleOrSharing,
      retentionDays: fields.retentionDays.trim() === '' ? null : Number(fields.retentionDays),
    };
    const result = purpose === null ? await add.run({ code: fields.code.trim(), ...values }) : await update.run({ code: purpose.code, ...values });
    if (result.ok) onSaved(result.value);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} data-testid="purpose-form" noValidate>
      <h3>{purpose === null ? t('purposes.add') : t('purposes.edit', { name: purpose.nameEn })}</h3>
      <ErrorAlert error={add.error ?? update.error} />
      {purpose === null ? (
        <TextField
          label={t('purposes.code')}
          hint={t('purposes.codeHint')}
          value={fields.code}
          required
          pattern="[a-z][a-z0-9_]*"
          maxLength={64}
          onChange={(event) => set({ code: event.target.value })}
        />
      ) : null}
      <div className="field-row">
        <TextField label={t('purposes.nameEn')} value={fields.nameEn} required maxLength={200} onChange={(event) => set({ nameEn: event.target.value })} />
        <TextField label={t('purposes.nameFr')} value={fields.nameFr} maxLength={200} onChange={(event) => set({ nameFr: event.target.value })} />
      </div>
      <div className="field-row">
        <TextField
          label={t('purposes.descriptionEn')}
          value={fields.descriptionEn}
          maxLength={2000}
          onChange={(event) => set({ descriptionEn: event.target.value })}
        />
        <TextField
          label={t('purposes.descriptionFr')}
          value={fields.descriptionFr}
          maxLength={2000}
          onChange={(event) => set({ descriptionFr: event.target.value })}
        />
      </div>
      <SettingsChoices
        legend={t('purposes.bases')}
        hint={basesMissing && fields.bases.length === 0 ? t('purposes.basesRequired') : t('purposes.basesHint')}
        names={LAWFUL_BASES}
        chosen={fields.bases}
        label={(basis) => t(`lawfulBasis.${basis}`)}
        disabled={busy}
        onChange={(chosen) => set({ bases: chosen as LawfulBasis[] })}
        testId="purpose-bases"
      />
      <div className="checkbox">
        <input
          id="purpose-express"
          type="checkbox"
          checked={fields.expressConsent}
          disabled={busy}
          onChange={(event) => set({ expressConsent: event.target.checked })}
        />
        <label htmlFor="purpose-express">{t('purposes.expressConsent')}</label>
      </div>
      <div className="checkbox">
        <input
          id="purpose-sale"
          type="checkbox"
          checked={fields.saleOrSharing}
          disabled={busy}
          onChange={(event) => set({ saleOrSharing: event.target.checked })}
        />
        <label htmlFor="purpose-sale">{t('purposes.saleOrSharing')}</label>
      </div>
      <TextField
        label={t('purposes.retentionDays')}
        hint={t('purposes.retentionHint')}
        type="number"
        min={1}
        max={36500}
        value={fields.retentionDays}
        onChange={(event) => set({ retentionDays: event.target.value })}
      />
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {t('purposes.cancel')}
        </button>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          {busy ? t('common.working') : t('purposes.save')}
        </button>
      </div>
    </form>
  );
}

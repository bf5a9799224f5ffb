/**
 * Partners: who data goes to. A partner outside Quebec and the EU needs a transfer assessment on file
 * before any extract leaves for it; the list says so where it is missing. Administrators add and edit.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PARTNER_ROLES, type Partner, type PartnerRole } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { CountrySelect } from '../../components/country-select';
import { SelectField, TextField } from '../../components/field';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { countryName } from '../../lib/countries';
import { formatWhen } from '../../lib/format';

function PartnerForm({
  editing,
  onSaved,
  onCancel,
}: {
  readonly editing: Partner | null;
  readonly onSaved: (partner: Partner) => void;
  readonly onCancel: () => void;
}): ReactNode {
  const { t } = useTranslation();
  const add = useApiAction('partners.add');
  const update = useApiAction('partners.update');
  const [name, setName] = useState(editing?.name ?? '');
  const [role, setRole] = useState<PartnerRole>(editing?.role ?? 'processor');
  const [contact, setContact] = useState(editing?.contact ?? '');
  const [country, setCountry] = useState<string | null>(editing?.country ?? null);
  const [subdivision, setSubdivision] = useState(editing?.subdivision ?? '');
  const [assessmentDate, setAssessmentDate] = useState(editing?.assessmentDate ?? '');
  const [assessmentRef, setAssessmentRef] = useState(editing?.assessmentRef ?? '');
  const busy = add.busy || update.busy;
  const subdivisionValid = subdivision.trim() === '' || /^[A-Za-z0-9]{1,3}$/.test(subdivision.trim());
  const ready = name.trim() !== '' && country !== null && subdivisionValid;
  const title = editing === null ? t('partners.screens.partners.addTitle') : t('partners.screens.partners.editTitle', { name: editing.name });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!ready) return;
    const input = {
      name: name.trim(),
      role,
      country,
      ...(contact.trim() === '' ? {} : { contact: contact.trim() }),
      ...(subdivision.trim() === '' ? {} : { subdivision: subdivision.trim() }),
      ...(assessmentDate === '' ? {} : { assessmentDate }),
      ...(assessmentRef.trim() === '' ? {} : { assessmentRef: assessmentRef.trim() }),
    };
    const result = editing === null ? await add.run(input) : await update.run({ ...input, id: editing.id });
    if (result.ok) onSaved(result.value);
  }

  return (
    <Section title={title} description={t('partners.screens.partners.formDescription')} id="partner-form">
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={title} data-testid="partner-form">
        <div className="field-row">
          <TextField
            label={t('partners.screens.partners.name')}
            value={name}
            maxLength={200}
            required
            onChange={(event) => setName(event.target.value)}
            disabled={busy}
            name="name"
          />
          <SelectField
            label={t('partners.screens.partners.role')}
            value={role}
            onChange={(event) => setRole(event.target.value as PartnerRole)}
            disabled={busy}
            name="role"
          >
            {PARTNER_ROLES.map((entry) => (
              <option key={entry} value={entry}>
                {t(`partners.screens.roles.${entry}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField
          label={t('partners.screens.partners.contact')}
          value={contact}
          maxLength={500}
          onChange={(event) => setContact(event.target.value)}
          disabled={busy}
          name="contact"
        />
        <div className="field-row">
          <CountrySelect label={t('partners.screens.partners.country')} value={country} onChange={setCountry} disabled={busy} />
          <TextField
            label={t('partners.screens.partners.subdivision')}
            hint={t('partners.screens.partners.subdivisionHint')}
            value={subdivision}
            maxLength={3}
            onChange={(event) => setSubdivision(event.target.value)}
            disabled={busy}
            name="subdivision"
            error={subdivisionValid ? null : t('partners.screens.partners.subdivisionInvalid')}
          />
        </div>
        <div className="field-row">
          <TextField
            type="date"
            label={t('partners.screens.partners.assessmentDate')}
            hint={t('partners.screens.partners.assessmentHint')}
            value={assessmentDate}
            onChange={(event) => setAssessmentDate(event.target.value)}
            disabled={busy}
            name="assessmentDate"
          />
          <TextField
            label={t('partners.screens.partners.assessmentRef')}
            value={assessmentRef}
            maxLength={500}
            onChange={(event) => setAssessmentRef(event.target.value)}
            disabled={busy}
            name="assessmentRef"
          />
        </div>
        <ErrorAlert error={editing === null ? add.error : update.error} />
        <div className="form-actions start">
          <SubmitButton busy={busy} disabled={!ready}>
            {editing === null ? t('partners.screens.partners.add') : t('common.save')}
          </SubmitButton>
          {editing !== null ? (
            <button type="button" className="button" onClick={onCancel} disabled={busy}>
              {t('common.cancel')}
            </button>
          ) : null}
        </div>
      </form>
    </Section>
  );
}

/** Where the assessment stands: not needed, on file (with its date), or missing, which stops every extract to the partner. */
function Assessment({ partner }: { readonly partner: Partner }): ReactNode {
  const { t, i18n } = useTranslation();
  if (!partner.needsAssessment) return <span className="muted">{t('partners.screens.partners.assessmentNotNeeded')}</span>;
  if (partner.transferAssessed)
    return (
      <span className="badge badge-ok" data-testid="partner-assessed">
        {partner.assessmentDate === null
          ? t('partners.screens.partners.assessmentOnFile')
          : t('partners.screens.partners.assessmentOnFileDate', { date: formatWhen(partner.assessmentDate, i18n.language) })}
      </span>
    );
  return (
    <span className="badge tag-warning" data-testid="partner-assessment-missing">
      ⚠ {t('partners.screens.partners.assessmentMissing')}
    </span>
  );
}

export function PartnersPanel({ canEdit, onChanged }: { readonly canEdit: boolean; readonly onChanged: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const partners = useApiData('partners.list', {});
  const [editing, setEditing] = useState<Partner | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = partners.data ?? [];

  return (
    <div className="stack" data-testid="partners-panel">
      <p className="lead">{t('partners.screens.partners.intro')}</p>
      {notice !== null ? (
        <Notice tone="success" testId="partner-notice">
          {notice}
        </Notice>
      ) : null}
      <ErrorAlert error={partners.error} />
      {partners.data === null ? null : list.length === 0 ? (
        <p className="muted" data-testid="partners-none">
          {t('partners.screens.partners.none')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="partners-table">
            <caption className="visually-hidden">{t('partners.screens.tabs.partners')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('partners.screens.partners.name')}</th>
                <th scope="col">{t('partners.screens.partners.role')}</th>
                <th scope="col">{t('partners.screens.partners.country')}</th>
                <th scope="col">{t('partners.screens.partners.assessment')}</th>
                <th scope="col" className="num">
                  {t('partners.screens.partners.agreements')}
                </th>
                {canEdit ? <th scope="col">{t('partners.screens.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.map((partner) => (
                <tr key={partner.id} data-testid="partner-row" data-id={partner.id} data-missing={partner.needsAssessment && !partner.transferAssessed}>
                  <th scope="row">
                    {partner.name}
                    {partner.contact !== null ? <div className="muted small">{partner.contact}</div> : null}
                  </th>
                  <td>{t(`partners.screens.roles.${partner.role}`)}</td>
                  <td>
                    {countryName(partner.country, i18n.language)}
                    {partner.subdivision !== null ? ` (${partner.subdivision})` : ''}
                  </td>
                  <td>
                    <Assessment partner={partner} />
                  </td>
                  <td className="num">{partner.agreements}</td>
                  {canEdit ? (
                    <td>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setEditing(partner)}
                        aria-label={t('partners.screens.partners.editNamed', { name: partner.name })}
                      >
                        {t('partners.screens.partners.edit')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit ? (
        <PartnerForm
          key={editing?.id ?? 'new'}
          editing={editing}
          onCancel={() => setEditing(null)}
          onSaved={(partner) => {
            setNotice(t(editing === null ? 'partners.screens.partners.added' : 'partners.screens.partners.updated', { name: partner.name }));
            setEditing(null);
            partners.reload();
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}

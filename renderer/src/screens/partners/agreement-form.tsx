/**
 * Signing an agreement (a lease): partner, purposes of the catalog, the exact fields that may leave, the
 * lawful basis, valid from/to, an optional access window and monthly limit, delivery (a folder, or SFTP
 * with the server's host key pinned and a credential written once), legal reference, document, notice days.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EXTRACT_FIELDS, LAWFUL_BASES, type Agreement, type AgreementInput, type ExtractField, type LawfulBasis } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { SelectField, TextField } from '../../components/field';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { purposeName } from '../../lib/purpose-name';
import { usePurposeCatalog } from '../../session/purpose-catalog';
import { readWindow, wholeNumber } from './partners-text';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((entry) => entry !== value), value] : list.filter((entry) => entry !== value);
}

export function AgreementForm({ onSigned }: { readonly onSigned: (agreement: Agreement) => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const sign = useApiAction('agreements.add');
  const partners = useApiData('partners.list', {});
  const { purposes: catalog } = usePurposeCatalog();
  const [partnerId, setPartnerId] = useState('');
  const [title, setTitle] = useState('');
  const [purposes, setPurposes] = useState<string[]>([]);
  const [fields, setFields] = useState<ExtractField[]>([]);
  const [basis, setBasis] = useState<LawfulBasis>('consent');
  const [validFrom, setValidFrom] = useState('');
  const [validTo, setValidTo] = useState('');
  const [days, setDays] = useState<number[]>([]);
  const [hoursFrom, setHoursFrom] = useState('');
  const [hoursTo, setHoursTo] = useState('');
  const [maxPerMonth, setMaxPerMonth] = useState('');
  const [deliveryKind, setDeliveryKind] = useState<'folder' | 'sftp'>('folder');
  const [folder, setFolder] = useState('');
  const [host, setHost] = useState('');
  const [port, setPort] = useState('22');
  const [username, setUsername] = useState('');
  const [remotePath, setRemotePath] = useState('');
  const [hostKey, setHostKey] = useState('');
  const [credentialKind, setCredentialKind] = useState<'password' | 'privateKey'>('password');
  const [secret, setSecret] = useState('');
  const [legalRef, setLegalRef] = useState('');
  const [documentRef, setDocumentRef] = useState('');
  const [noticeDays, setNoticeDays] = useState('30');

  const accessWindow = readWindow(days, hoursFrom, hoursTo);
  const max = maxPerMonth.trim() === '' ? null : wholeNumber(maxPerMonth);
  const notice = wholeNumber(noticeDays);
  const portNumber = wholeNumber(port);
  const hostKeyValid = /^SHA256:[A-Za-z0-9+/]{43}=?$/.test(hostKey.trim());
  const datesValid = validFrom !== '' && validTo !== '' && validTo >= validFrom;
  const deliveryValid =
    deliveryKind === 'folder'
      ? folder.trim() !== ''
      : host.trim() !== '' &&
        username.trim() !== '' &&
        remotePath.trim() !== '' &&
        hostKeyValid &&
        portNumber !== null &&
        portNumber >= 1 &&
        portNumber <= 65535;
  const ready =
    partnerId !== '' &&
    title.trim() !== '' &&
    purposes.length > 0 &&
    fields.length > 0 &&
    datesValid &&
    accessWindow !== 'invalid' &&
    (maxPerMonth.trim() === '' || (max !== null && max >= 1)) &&
    notice !== null &&
    notice <= 365 &&
    deliveryValid;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!ready) return;
    const delivery: AgreementInput['delivery'] =
      deliveryKind === 'folder'
        ? { kind: 'folder', folder: folder.trim() }
        : {
            kind: 'sftp',
            target: { host: host.trim(), port: portNumber ?? 22, username: username.trim(), path: remotePath.trim(), hostKey: hostKey.trim() },
            ...(secret === '' ? {} : { credential: credentialKind === 'password' ? { password: secret } : { privateKey: secret } }),
          };
    const result = await sign.run({
      partnerId: Number(partnerId),
      title: title.trim(),
      purposes,
      basis,
      // In the contract's order, whatever order they were ticked in.
      fields: EXTRACT_FIELDS.filter((field) => fields.includes(field)),
      validFrom,
      validTo,
      ...(accessWindow === null ? {} : { window: accessWindow }),
      ...(max === null ? {} : { maxPerMonth: max }),
      delivery,
      ...(legalRef.trim() === '' ? {} : { legalRef: legalRef.trim() }),
      ...(documentRef.trim() === '' ? {} : { document: documentRef.trim() }),
      noticeDays: notice,
    });
    if (!result.ok) return;
    setSecret('');
    onSigned(result.value);
  }

  const busy = sign.busy;
  return (
    <Section title={t('partners.screens.sign.title')} description={t('partners.screens.sign.description')} id="agreement-sign">
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('partners.screens.sign.title')} data-testid="agreement-form">
        <div className="field-row">
          <SelectField
            label={t('partners.screens.sign.partner')}
            value={partnerId}
            onChange={(event) => setPartnerId(event.target.value)}
            disabled={busy}
            name="partnerId"
          >
            <option value="">{t('partners.screens.sign.choosePartner')}</option>
            {(partners.data ?? []).map((partner) => (
              <option key={partner.id} value={String(partner.id)}>
                {partner.name}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('partners.screens.sign.agreementTitle')}
            value={title}
            maxLength={200}
            onChange={(event) => setTitle(event.target.value)}
            disabled={busy}
            name="title"
          />
        </div>
        <fieldset className="choice-group" data-testid="agreement-purposes">
          <legend>{t('partners.screens.sign.purposes')}</legend>
          {catalog === null || catalog.length === 0 ? <p className="muted small">{t('partners.screens.sign.noPurposes')}</p> : null}
          {(catalog ?? []).map((purpose) => (
            <label key={purpose.code} className="checkbox">
              <input
                type="checkbox"
                checked={purposes.includes(purpose.code)}
                onChange={(event) => setPurposes((list) => toggle(list, purpose.code, event.target.checked))}
                disabled={busy}
              />
              <span>{purposeName(purpose, purpose.code, i18n.language)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="choice-group" data-testid="agreement-fields">
          <legend>{t('partners.screens.sign.fields')}</legend>
          <p className="muted small">{t('partners.screens.sign.fieldsHint')}</p>
          <div className="field-row three">
            {EXTRACT_FIELDS.map((field) => (
              <label key={field} className="checkbox">
                <input
                  type="checkbox"
                  checked={fields.includes(field)}
                  onChange={(event) => setFields((list) => toggle(list, field, event.target.checked))}
                  disabled={busy}
                />
                <span>{fieldName(t, field)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <SelectField
          label={t('partners.screens.sign.basis')}
          value={basis}
          onChange={(event) => setBasis(event.target.value as LawfulBasis)}
          disabled={busy}
          name="basis"
        >
          {LAWFUL_BASES.map((entry) => (
            <option key={entry} value={entry}>
              {t(`lawfulBasis.${entry}`)}
            </option>
          ))}
        </SelectField>
        <div className="field-row">
          <TextField
            type="date"
            label={t('partners.screens.sign.validFrom')}
            value={validFrom}
            onChange={(event) => setValidFrom(event.target.value)}
            disabled={busy}
            name="validFrom"
          />
          <TextField
            type="date"
            label={t('partners.screens.sign.validTo')}
            value={validTo}
            onChange={(event) => setValidTo(event.target.value)}
            disabled={busy}
            name="validTo"
            error={validFrom !== '' && validTo !== '' && validTo < validFrom ? t('partners.screens.sign.endsBeforeStart') : null}
          />
        </div>
        <fieldset className="choice-group" data-testid="agreement-window">
          <legend>{t('partners.screens.sign.window')}</legend>
          <p className="muted small">{t('partners.screens.sign.windowHint')}</p>
          <div className="form-actions start">
            {WEEKDAYS.map((day) => (
              <label key={day} className="checkbox">
                <input
                  type="checkbox"
                  checked={days.includes(day)}
                  onChange={(event) => setDays((list) => toggle(list, day, event.target.checked))}
                  disabled={busy}
                />
                <span>{t(`partners.screens.weekdays.${String(day)}`)}</span>
              </label>
            ))}
          </div>
          <div className="field-row">
            <TextField
              type="time"
              label={t('partners.screens.sign.hoursFrom')}
              value={hoursFrom}
              onChange={(event) => setHoursFrom(event.target.value)}
              disabled={busy}
              name="hoursFrom"
            />
            <TextField
              type="time"
              label={t('partners.screens.sign.hoursTo')}
              value={hoursTo}
              onChange={(event) => setHoursTo(event.target.value)}
              disabled={busy}
              name="hoursTo"
            />
          </div>
          {accessWindow === 'invalid' ? (
            <p className="field-error" role="alert">
              {t('partners.screens.sign.windowInvalid')}
            </p>
          ) : null}
        </fieldset>
        <div className="field-row">
          <TextField
            label={t('partners.screens.sign.maxPerMonth')}
            hint={t('partners.screens.sign.maxPerMonthHint')}
            inputMode="numeric"
            value={maxPerMonth}
            onChange={(event) => setMaxPerMonth(event.target.value)}
            disabled={busy}
            name="maxPerMonth"
            error={maxPerMonth.trim() !== '' && (max === null || max < 1) ? t('partners.screens.sign.wholeNumber') : null}
          />
          <TextField
            label={t('partners.screens.sign.noticeDays')}
            hint={t('partners.screens.sign.noticeDaysHint')}
            inputMode="numeric"
            value={noticeDays}
            onChange={(event) => setNoticeDays(event.target.value)}
            disabled={busy}
            name="noticeDays"
            error={notice === null || notice > 365 ? t('partners.screens.sign.noticeInvalid') : null}
          />
        </div>
        <fieldset className="choice-group">
          <legend>{t('partners.screens.sign.delivery')}</legend>
          {(['folder', 'sftp'] as const).map((kind) => (
            <label key={kind} className="checkbox">
              <input type="radio" name="delivery-kind" value={kind} checked={deliveryKind === kind} onChange={() => setDeliveryKind(kind)} disabled={busy} />
              <span>{t(`partners.screens.delivery.${kind}`)}</span>
            </label>
          ))}
        </fieldset>
        {deliveryKind === 'folder' ? (
          <TextField
            label={t('partners.screens.sign.folder')}
            hint={t('partners.screens.sign.folderHint')}
            spellCheck={false}
            value={folder}
            onChange={(event) => setFolder(event.target.value)}
            disabled={busy}
            name="folder"
          />
        ) : (
          <div className="stack" data-testid="agreement-sftp">
            <div className="field-row">
              <TextField
                label={t('partners.screens.sign.host')}
                spellCheck={false}
                value={host}
                onChange={(event) => setHost(event.target.value)}
                disabled={busy}
                name="host"
              />
              <TextField
                label={t('partners.screens.sign.port')}
                inputMode="numeric"
                value={port}
                onChange={(event) => setPort(event.target.value)}
                disabled={busy}
                name="port"
                error={portNumber === null || portNumber < 1 || portNumber > 65535 ? t('partners.screens.sign.portInvalid') : null}
              />
            </div>
            <div className="field-row">
              <TextField
                label={t('partners.screens.sign.username')}
                spellCheck={false}
                value={username}
                onChange={(event) => setUsername(event.target.value)}
                disabled={busy}
                name="username"
              />
              <TextField
                label={t('partners.screens.sign.remotePath')}
                spellCheck={false}
                value={remotePath}
                onChange={(event) => setRemotePath(event.target.value)}
                disabled={busy}
                name="remotePath"
              />
            </div>
            <TextField
              label={t('partners.screens.sign.hostKey')}
              hint={t('partners.screens.sign.hostKeyHint')}
              spellCheck={false}
              value={hostKey}
              onChange={(event) => setHostKey(event.target.value)}
              disabled={busy}
              name="hostKey"
              error={hostKey.trim() !== '' && !hostKeyValid ? t('partners.screens.sign.hostKeyInvalid') : null}
            />
            <SelectField
              label={t('partners.screens.sign.credential')}
              value={credentialKind}
              onChange={(event) => setCredentialKind(event.target.value === 'privateKey' ? 'privateKey' : 'password')}
              disabled={busy}
              name="credentialKind"
            >
              <option value="password">{t('partners.screens.sign.password')}</option>
              <option value="privateKey">{t('partners.screens.sign.privateKey')}</option>
            </SelectField>
            {credentialKind === 'password' ? (
              <TextField
                type="password"
                autoComplete="new-password"
                label={t('partners.screens.sign.password')}
                hint={t('partners.screens.sign.credentialHint')}
                value={secret}
                onChange={(event) => setSecret(event.target.value)}
                disabled={busy}
                name="password"
              />
            ) : (
              <div className="field">
                <label htmlFor="agreement-private-key">{t('partners.screens.sign.privateKey')}</label>
                <textarea
                  id="agreement-private-key"
                  rows={5}
                  spellCheck={false}
                  value={secret}
                  onChange={(event) => setSecret(event.target.value)}
                  disabled={busy}
                  aria-describedby="agreement-private-key-hint"
                />
                <div className="field-hint" id="agreement-private-key-hint">
                  {t('partners.screens.sign.credentialHint')}
                </div>
              </div>
            )}
          </div>
        )}
        <div className="field-row">
          <TextField
            label={t('partners.screens.sign.legalRef')}
            value={legalRef}
            maxLength={500}
            onChange={(event) => setLegalRef(event.target.value)}
            disabled={busy}
            name="legalRef"
          />
          <TextField
            label={t('partners.screens.sign.document')}
            hint={t('partners.screens.sign.documentHint')}
            value={documentRef}
            maxLength={1000}
            onChange={(event) => setDocumentRef(event.target.value)}
            disabled={busy}
            name="document"
          />
        </div>
        <ErrorAlert error={sign.error} />
        <div className="form-actions start">
          <SubmitButton busy={busy} disabled={!ready}>
            {t('partners.screens.sign.submit')}
          </SubmitButton>
        </div>
      </form>
    </Section>
  );
}

/** A field's name as the mapping says it; the profile's number is the partners' own. */
export function fieldName(t: (key: string) => string, field: string): string {
  return field === 'profileId' ? t('partners.screens.fields.profileId') : t(`fields.${field}`);
}

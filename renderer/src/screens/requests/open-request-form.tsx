/** Opening a request: its type, the law, the requester, how and when it came; the deadline is shown as it follows from the date and the law. */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { JURISDICTIONS, REQUEST_TYPES, dueOn, type Jurisdiction, type RequestDetail, type RequestType } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { DateField } from '../../components/date-field';
import { SelectField, TextField } from '../../components/field';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { formatWhen } from '../../lib/format';

export function OpenRequestForm({
  today,
  onOpened,
  onCancel,
}: {
  readonly today: string;
  readonly onOpened: (request: RequestDetail) => void;
  readonly onCancel: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const open = useApiAction('requests.open');
  const [type, setType] = useState<RequestType>('access');
  const [jurisdiction, setJurisdiction] = useState<Jurisdiction>('quebec');
  const [requester, setRequester] = useState('');
  const [contact, setContact] = useState('');
  const [channel, setChannel] = useState('');
  const [received, setReceived] = useState(today);
  const due = received === '' ? null : dueOn(jurisdiction, type, received);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const result = await open.run({
      type,
      jurisdiction,
      requesterName: requester,
      contact: contact.trim() === '' ? undefined : contact,
      channel: channel.trim() === '' ? undefined : channel,
      receivedOn: received === '' ? undefined : received,
    });
    if (result.ok) onOpened(result.value);
  }

  return (
    <Section title={t('requests.form.title')} id="request-open">
      <form className="stack" onSubmit={(event) => void submit(event)} data-testid="request-open-form">
        <SelectField label={t('requests.form.type')} value={type} onChange={(event) => setType(event.target.value as RequestType)} name="type">
          {REQUEST_TYPES.map((entry) => (
            <option key={entry} value={entry}>
              {t(`requests.types.${entry}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('requests.form.jurisdiction')}
          value={jurisdiction}
          onChange={(event) => setJurisdiction(event.target.value as Jurisdiction)}
          name="jurisdiction"
        >
          {JURISDICTIONS.map((entry) => (
            <option key={entry} value={entry}>
              {t(`requests.jurisdictions.${entry}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('requests.form.requester')}
          value={requester}
          onChange={(event) => setRequester(event.target.value)}
          required
          maxLength={200}
          name="requester"
          autoComplete="off"
        />
        <TextField
          label={t('requests.form.contact')}
          value={contact}
          onChange={(event) => setContact(event.target.value)}
          maxLength={200}
          name="contact"
          autoComplete="off"
        />
        <TextField
          label={t('requests.form.channel')}
          value={channel}
          onChange={(event) => setChannel(event.target.value)}
          maxLength={100}
          name="channel"
          autoComplete="off"
        />
        <DateField label={t('requests.form.received')} value={received} onChange={setReceived} />
        {due !== null ? (
          <p className="muted" data-testid="request-due-preview">
            {t('requests.form.receivedHint', { due: formatWhen(due, i18n.language) })}
          </p>
        ) : null}
        <ErrorAlert error={open.error} />
        <div className="form-actions start">
          <SubmitButton busy={open.busy} disabled={requester.trim() === ''}>
            {t('requests.form.submit')}
          </SubmitButton>
          <button type="button" className="button" onClick={onCancel}>
            {t('requests.form.cancel')}
          </button>
        </div>
      </form>
    </Section>
  );
}

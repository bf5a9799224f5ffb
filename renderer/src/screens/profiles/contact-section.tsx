/**
 * A person's communication authorisations: a grid of purposes × channels (email, SMS, phone, post), what
 * may be done in each cell now, and one click to refuse or authorise it; a row for every purpose whose
 * click is "Do not contact" on the channel or lifts it; and "Do not contact at all". Refusing takes exactly
 * the steps authorising takes. How the person said it is chosen once, above the grid.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONTACT_CHANNELS,
  RECORDING_METHODS,
  type ChannelState,
  type ContactKind,
  type ContactTarget,
  type Purpose,
  type RecordingMethod,
} from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { SelectField, TextField } from '../../components/field';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { formatWhen } from '../../lib/format';
import { purposeName } from '../../lib/purpose-name';
import { cellBadge, cellToggle, channelBadge, channelToggle } from './contact-text';
import { ContactEntries } from './contact-entries';

interface Choice {
  readonly channel: ContactTarget;
  readonly purpose: string | null;
  readonly kind: ContactKind;
}

export function ContactSection({ profileId }: { readonly profileId: number }): ReactNode {
  const { t, i18n } = useTranslation();
  const contact = useApiData('contact.show', { profileId });
  const catalog = useApiData('purposes.list', {});
  const record = useApiAction('contact.record');
  const [method, setMethod] = useState<RecordingMethod>('phone');
  const [evidence, setEvidence] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const purposes = new Map<string, Purpose>((catalog.data ?? []).map((purpose) => [purpose.code, purpose]));
  const nameOf = (code: string | null): string => (code === null ? t('contact.everyPurpose') : purposeName(purposes.get(code), code, i18n.language));
  const channelName = (channel: string): string => t(`contact.channels.${channel}`);

  async function choose(choice: Choice): Promise<void> {
    setDone(null);
    const result = await record.run({
      profileId: contact.data?.profileId ?? profileId,
      channel: choice.channel,
      ...(choice.purpose === null ? {} : { purpose: choice.purpose }),
      kind: choice.kind,
      method,
      ...(evidence.trim() === '' ? {} : { evidence: evidence.trim() }),
    });
    if (!result.ok) return;
    setDone(
      choice.channel === 'all'
        ? t('contact.recordedAll')
        : t('contact.recorded', { channel: channelName(choice.channel), purpose: nameOf(choice.purpose), state: t(`contact.states.${choice.kind}`) }),
    );
    contact.reload();
  }

  const channels = contact.data?.channels ?? [];
  const byChannel = new Map<string, ChannelState>(channels.map((channel) => [channel.channel, channel]));
  const codes = channels[0]?.purposes.map((cell) => cell.purpose) ?? [];

  return (
    <section className="card" aria-labelledby="profile-contact-title" data-testid="profile-contact">
      <h3 className="card-title" id="profile-contact-title">
        {t('contact.title')}
      </h3>
      <p className="card-description">{t('contact.intro')}</p>
      <ErrorAlert error={contact.error ?? catalog.error ?? record.error} />
      {done !== null ? <Notice testId="contact-recorded">{done}</Notice> : null}
      <div className="field-row">
        <SelectField label={t('contact.method')} value={method} onChange={(event) => setMethod(event.target.value as RecordingMethod)} name="contactMethod">
          {RECORDING_METHODS.map((choice) => (
            <option key={choice} value={choice}>
              {t(`consent.methods.${choice}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('contact.evidence')}
          hint={t('contact.evidenceHint')}
          value={evidence}
          maxLength={500}
          onChange={(event) => setEvidence(event.target.value)}
          name="contactEvidence"
        />
      </div>
      {!contact.data ? (
        contact.error ? null : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="contact-grid">
              <caption className="visually-hidden">{t('contact.tableLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('contact.purpose')}</th>
                  {CONTACT_CHANNELS.map((channel) => (
                    <th scope="col" key={channel}>
                      {channelName(channel)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr data-testid="contact-every">
                  <th scope="row">{t('contact.everyPurpose')}</th>
                  {CONTACT_CHANNELS.map((name) => {
                    const channel = byChannel.get(name)!;
                    const badge = channelBadge(channel);
                    const kind = channelToggle(channel);
                    return (
                      <td key={name} data-testid={`contact-every-${name}`} data-dnc={channel.doNotContact}>
                        <span className={`badge ${badge.tone}`}>{t(badge.label)}</span>
                        {channel.since !== null ? (
                          <div className="muted small">{t('contact.since', { when: formatWhen(channel.since, i18n.language) })}</div>
                        ) : null}
                        <div className="consent-actions">
                          <button
                            type="button"
                            className="button button-small"
                            disabled={record.busy}
                            aria-label={t(kind === 'refused' ? 'contact.doNotContactLabel' : 'contact.liftLabel', { channel: channelName(name) })}
                            onClick={() => void choose({ channel: name, purpose: null, kind })}
                          >
                            {t(kind === 'refused' ? 'contact.doNotContact' : 'contact.lift')}
                          </button>
                        </div>
                      </td>
                    );
                  })}
                </tr>
                {codes.map((code) => (
                  <tr key={code} data-testid={`contact-${code}`}>
                    <th scope="row">
                      {nameOf(code)}
                      <div className="muted small">
                        <code>{code}</code>
                      </div>
                    </th>
                    {CONTACT_CHANNELS.map((name) => {
                      const cell = byChannel.get(name)!.purposes.find((entry) => entry.purpose === code)!;
                      const badge = cellBadge(cell);
                      const kind = cellToggle(cell);
                      const labels = { channel: channelName(name), purpose: nameOf(code) };
                      return (
                        <td key={name} data-testid={`contact-${code}-${name}`} data-allowed={cell.answer.allowed}>
                          <span className={`badge ${badge.tone}`}>{t(badge.label)}</span>
                          <div className="consent-actions">
                            <button
                              type="button"
                              className="button button-small"
                              disabled={record.busy}
                              aria-label={t(kind === 'refused' ? 'contact.refuseLabel' : 'contact.authoriseLabel', labels)}
                              onClick={() => void choose({ channel: name, purpose: code, kind })}
                            >
                              {t(kind === 'refused' ? 'contact.refuse' : 'contact.authorise')}
                            </button>
                          </div>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="consent-actions">
            <button
              type="button"
              className="button button-danger"
              disabled={record.busy}
              data-testid="contact-none-at-all"
              onClick={() => void choose({ channel: 'all', purpose: null, kind: 'refused' })}
            >
              {t('contact.doNotContactAll')}
            </button>
          </div>
          <ContactEntries channels={channels} nameOf={nameOf} />
        </>
      )}
    </section>
  );
}

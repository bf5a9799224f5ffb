/**
 * One person: what the vault knows about them across sources, each source's record as it was read
 * (the normalized value, and the value as written in the source when it differs), what they did
 * (newest first) and what they consented to.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileDetail, Source } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { addressLines } from '../../lib/address';
import { countryName } from '../../lib/countries';
import { languageName } from '../../lib/languages';
import { cellText, formatAmount, formatDate, formatDateTime, formatWhen } from '../../lib/format';
import type { Mapping, TargetField } from '../../lib/mapping';
import { formatPhone } from '../../lib/phone';
import { regionCountry } from '../../lib/region';
import { hasRole, useSession } from '../../session/session-context';
import { EraseButton } from '../erasure/erase-panel';
import { DisclosuresSection } from '../partners/disclosures-section';
import { RetentionSection } from '../retention/retention-section';
import { ConsentSection } from './consent-section';
import { ContactSection } from './contact-section';
import { EventsHeading } from './events-heading';
import { GoldenRecord } from './golden-record';
import { ProfileIdentity } from './profile-identity';

type ProfileRecord = ProfileDetail['records'][number];
type TextField = 'givenName' | 'familyName' | 'fullName' | 'street' | 'city' | 'postalCode' | 'region' | 'country' | 'birthDate' | 'language';
const TEXT_FIELDS: readonly TextField[] = ['givenName', 'familyName', 'fullName', 'street', 'postalCode', 'city', 'region', 'country', 'birthDate', 'language'];

function readRaw(raw: unknown, column: string): unknown {
  if (!raw || typeof raw !== 'object') return undefined;
  const record = raw as Record<string, unknown>;
  if (column in record) return record[column];
  return column.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), record);
}

/** The value as the source wrote it, found through the source's mapping; null when it says nothing more. */
function rawValue(record: ProfileRecord, field: TargetField, mapping: Mapping | undefined, shown: string): string | null {
  if (!mapping) return null;
  for (const entry of mapping.columns) {
    if (entry.field !== field) continue;
    const text = cellText(readRaw(record.raw, entry.column)).trim();
    if (text !== '' && text !== shown) return text;
  }
  return null;
}

/** The source wrote the number some other way than it is shown (stored or grouped): worth showing how. */
function writtenOtherwise(raw: string, e164: string): boolean {
  const written = raw.trim();
  return written !== e164 && written !== formatPhone(e164);
}

function Value({ shown, raw }: { readonly shown: string; readonly raw: string | null }): ReactNode {
  const { t } = useTranslation();
  return (
    <span className="value" title={raw ? t('profiles.detail.asWritten', { raw }) : undefined}>
      {shown}
      {raw ? <span className="raw-value">{t('profiles.detail.asWritten', { raw })}</span> : null}
    </span>
  );
}

function shownText(field: TextField, value: string, language: string): string {
  if (field === 'country') return `${countryName(value, language)} (${value})`;
  if (field === 'language') return `${languageName(value, language)} (${value})`;
  if (field === 'birthDate') return formatWhen(value, language);
  return value;
}

function RecordCard({ record, mapping }: { readonly record: ProfileRecord; readonly mapping: Mapping | undefined }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const rawEntries = record.raw && typeof record.raw === 'object' ? Object.entries(record.raw as Record<string, unknown>) : [];
  return (
    <article className="record-card" aria-labelledby={`record-${record.id}`} data-testid="profile-record">
      <header className="record-head">
        <h3 id={`record-${record.id}`}>
          {record.source} <span className="muted">· {t('profiles.detail.externalId', { id: record.externalId })}</span>
        </h3>
        <p className="muted small">
          {t('profiles.detail.seen', { first: formatDateTime(record.firstSeen, language), last: formatDateTime(record.lastChanged, language) })}
        </p>
      </header>
      <dl className="facts compact record-fields">
        {TEXT_FIELDS.map((field) => {
          const value = record[field];
          if (value === null) return null;
          const shown = shownText(field, value, language);
          return (
            <div key={field}>
              <dt>{t(`fields.${field}`)}</dt>
              <dd>
                <Value
                  shown={shown}
                  raw={rawValue(record, field, mapping, field === 'country' || field === 'language' || field === 'birthDate' ? value : shown)}
                />
              </dd>
            </div>
          );
        })}
        {record.emails.length > 0 ? (
          <div>
            <dt>{t('fields.email')}</dt>
            <dd>
              <ul className="plain-list">
                {record.emails.map((email) => (
                  <li key={email.value}>
                    <Value shown={email.value} raw={email.raw.trim() !== email.value ? email.raw : null} />
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {record.phones.length > 0 ? (
          <div>
            <dt>{t('fields.phone')}</dt>
            <dd>
              <ul className="plain-list">
                {record.phones.map((phone) => (
                  <li key={phone.value}>
                    <Value shown={formatPhone(phone.value)} raw={writtenOtherwise(phone.raw, phone.value) ? phone.raw : null} />
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
      </dl>
      {rawEntries.length > 0 ? (
        <details className="raw-record">
          <summary>{t('profiles.detail.original')}</summary>
          <dl className="facts compact">
            {rawEntries.map(([key, value]) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd>
                  <code>{cellText(value)}</code>
                </dd>
              </div>
            ))}
          </dl>
        </details>
      ) : null}
    </article>
  );
}

function distinct(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((value): value is string => value !== null && value.trim() !== ''))];
}

function Summary({ profile }: { readonly profile: ProfileDetail }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const records = profile.records;
  const names = distinct(records.map((record) => record.fullName ?? ([record.givenName, record.familyName].filter(Boolean).join(' ') || null)));
  const emails = distinct(records.flatMap((record) => record.emails.map((email) => email.value)));
  const phones = distinct(records.flatMap((record) => record.phones.map((phone) => phone.value))).map(formatPhone);
  const addresses = distinct(
    records.map((record) => {
      const lines = addressLines(record, regionCountry(language));
      if (record.country) lines.push(countryName(record.country, language));
      return lines.length === 0 ? null : lines.join(', ');
    }),
  );
  const births = distinct(records.map((record) => record.birthDate)).map((day) => formatWhen(day, language));
  const facts: Array<[string, string[]]> = [
    [t('profiles.detail.names'), names],
    [t('profiles.detail.emails'), emails],
    [t('profiles.detail.phones'), phones],
    [t('profiles.detail.addresses'), addresses],
    [t('fields.birthDate'), births],
  ];
  return (
    <dl className="facts profile-summary" data-testid="profile-summary">
      {facts
        .filter(([, values]) => values.length > 0)
        .map(([label, values]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>
              <ul className="plain-list">
                {values.map((value) => (
                  <li key={value}>{value}</li>
                ))}
              </ul>
            </dd>
          </div>
        ))}
    </dl>
  );
}

function Events({ events }: { readonly events: ProfileDetail['events'] }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  if (events.length === 0) return <p className="empty small">{t('profiles.detail.noEvents')}</p>;
  const sorted = [...events].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <ol className="timeline" data-testid="profile-events">
      {sorted.map((event) => (
        <li key={event.id} className="timeline-item">
          <time dateTime={event.at} className="timeline-date">
            {formatWhen(event.at, language)}
          </time>
          <div className="timeline-body">
            <span className="timeline-type">{t(`eventTypes.${event.type}`, { defaultValue: event.type })}</span>
            {event.amount !== null ? <span className="amount">{formatAmount(event.amount, event.currency, language)}</span> : null}
            {event.place ? <span className="muted">{t('profiles.detail.at', { place: event.place })}</span> : null}
            <span className="muted small">{t('profiles.detail.fromSource', { source: event.source })}</span>
          </div>
        </li>
      ))}
    </ol>
  );
}

function Consents({ consents }: { readonly consents: ProfileDetail['consents'] }): ReactNode {
  const { t, i18n } = useTranslation();
  if (consents.length === 0) return <p className="empty small">{t('profiles.detail.noConsents')}</p>;
  const sorted = [...consents].sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
  return (
    <div className="table-wrap">
      <table className="table" data-testid="profile-consents">
        <caption className="visually-hidden">{t('profiles.detail.consents')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('profiles.detail.consentColumns.purpose')}</th>
            <th scope="col">{t('profiles.detail.consentColumns.status')}</th>
            <th scope="col">{t('profiles.detail.consentColumns.date')}</th>
            <th scope="col">{t('profiles.detail.consentColumns.source')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((consent, index) => (
            <tr key={`${consent.purpose}-${consent.source}-${index}`}>
              <th scope="row">{consent.purpose}</th>
              <td>
                <span className={`badge ${consent.granted ? 'badge-ok' : 'badge-off'}`}>
                  {t(consent.granted ? 'profiles.detail.granted' : 'profiles.detail.refused')}
                </span>
              </td>
              <td>{consent.at ? formatWhen(consent.at, i18n.language) : <span className="muted">{t('profiles.detail.noDate')}</span>}</td>
              <td>{consent.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface Props {
  readonly id: number;
  readonly backLabel: string;
  readonly onBack: () => void;
  readonly onOpenCertificate?: ((id: number) => void) | undefined;
}

export function ProfileDetailView({ id, backLabel, onBack, onOpenCertificate }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const canErase = hasRole(user, 'administrator', 'steward');
  // Another person opened from this one (the record just split out, the profile an undo restored).
  const [opened, setOpened] = useState<number | null>(null);
  const profile = useApiData('profiles.get', { id: opened ?? id });
  // A split, merge or undo changes what the golden record chooses from: it is read again with the person.
  const [changes, setChanges] = useState(0);
  const { reload: reloadProfile } = profile;
  const changed = useCallback(() => {
    reloadProfile();
    setChanges((count) => count + 1);
  }, [reloadProfile]);
  const sources = useApiData('sources.list', {});
  const heading = useRef<HTMLHeadingElement>(null);
  const data = profile.data;
  const mappings = new Map<string, Mapping>((sources.data ?? []).flatMap((source: Source) => (source.mapping ? [[source.name, source.mapping] as const] : [])));

  useEffect(() => {
    if (data) heading.current?.focus();
  }, [data]);

  return (
    <div className="profile-detail stack" data-testid="profile-detail">
      <div>
        <button type="button" className="button button-small" onClick={onBack}>
          ← {backLabel}
        </button>
      </div>
      <ErrorAlert error={profile.error} />
      {!data ? (
        profile.error ? null : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : (
        <>
          <header className="profile-title">
            <h2 ref={heading} tabIndex={-1}>
              {data.displayName || t('profiles.unnamed')}
            </h2>
            {data.status !== 'active' ? <span className="badge badge-off">{t(`profiles.status.${data.status}`)}</span> : null}
            <span className="muted">
              {t('profiles.detail.since', { date: formatDate(data.createdAt, i18n.language) })} ·{' '}
              {t('profiles.detail.recordCount', { count: data.records.length })}
            </span>
            {/* Only an active person can be erased: a merged one lives on in the profile it joined. */}
            {canErase && data.status === 'active' ? (
              <span className="profile-title-actions">
                <EraseButton
                  profileId={data.id}
                  name={data.displayName || t('profiles.unnamed')}
                  label={t('erasure.entry.erasePerson')}
                  onErased={changed}
                  onOpenCertificate={onOpenCertificate}
                />
              </span>
            ) : null}
          </header>
          {data.redirectedFrom !== null ? <Notice testId="profile-redirected">{t('identity.person.redirected', { from: data.redirectedFrom })}</Notice> : null}
          <section className="card" aria-labelledby="profile-fields-title">
            <h3 className="card-title" id="profile-fields-title">
              {t('profiles.detail.fields')}
            </h3>
            <Summary profile={data} />
          </section>
          <GoldenRecord key={`${data.id}-${changes}`} profileId={data.id} />
          <ConsentSection key={`consent-${data.id}-${changes}`} profileId={data.id} />
          <ContactSection key={`contact-${data.id}-${changes}`} profileId={data.id} />
          {canErase && data.status === 'active' ? <RetentionSection key={`retention-${data.id}-${changes}`} profileId={data.id} /> : null}
          <div className="two-columns even">
            <section className="card" aria-labelledby="profile-events-title">
              <EventsHeading id="profile-events-title" shown={data.events.length} total={data.eventCount} />
              <Events events={data.events} />
            </section>
            <section className="card" aria-labelledby="profile-consents-title">
              <h3 className="card-title" id="profile-consents-title">
                {t('profiles.detail.consents')}
              </h3>
              <Consents consents={data.consents} />
            </section>
          </div>
          <section className="card" aria-labelledby="profile-records-title">
            <h3 className="card-title" id="profile-records-title">
              {t('profiles.detail.records')}
            </h3>
            <p className="card-description">{t('profiles.detail.recordsText')}</p>
            <div className="records">
              {data.records.map((record) => (
                <RecordCard key={record.id} record={record} mapping={mappings.get(record.source)} />
              ))}
            </div>
          </section>
          <DisclosuresSection key={`disclosures-${data.id}-${changes}`} profileId={data.id} />
          <ProfileIdentity profileId={data.id} name={data.displayName || t('profiles.unnamed')} onChanged={changed} onOpen={setOpened} />
        </>
      )}
    </div>
  );
}

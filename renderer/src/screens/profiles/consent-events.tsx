/** The ledger events behind one purpose's state, oldest first: who said so, how, when, under which notice. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentEvent } from '../../../../main/api/contract';
import { formatWhen } from '../../lib/format';

function EventLine({ event }: { readonly event: ConsentEvent }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const when = event.at === null ? t('consent.undated', { when: formatWhen(event.recordedAt, language) }) : formatWhen(event.at, language);
  const kind = t(`consent.kinds.${event.kind}`);
  const method = t(`consent.methods.${event.method}`, { defaultValue: event.method });
  const main =
    event.source !== null
      ? t('consent.eventFromSource', { kind, when, source: event.source, method })
      : t('consent.eventBySteward', { kind, when, user: event.recordedBy ?? '', method });
  const extras = [
    event.noticeVersion === null ? null : t('consent.notice', { version: event.noticeVersion }),
    event.evidence === null ? null : t('consent.evidenceShown', { evidence: event.evidence }),
    event.expiresAt === null ? null : t('consent.until', { when: formatWhen(event.expiresAt, language) }),
  ].filter((extra): extra is string => extra !== null);
  return (
    <li>
      {main}
      {extras.length > 0 ? <span className="muted small"> · {extras.join(' · ')}</span> : null}
    </li>
  );
}

export function ConsentEvents({ events }: { readonly events: readonly ConsentEvent[] }): ReactNode {
  const { t } = useTranslation();
  if (events.length === 0) return <span className="muted small">{t('consent.noEvents')}</span>;
  return (
    <details className="consent-events">
      <summary>{t('consent.events', { count: events.length })}</summary>
      <ol className="plain-list small">
        {events.map((event) => (
          <EventLine key={event.id} event={event} />
        ))}
      </ol>
    </details>
  );
}

/** The entries behind the Communication grid, channel by channel, oldest first: who said what, when and how. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelState } from '../../../../main/api/contract';
import { formatWhen } from '../../lib/format';

export function ContactEntries({
  channels,
  nameOf,
}: {
  readonly channels: readonly ChannelState[];
  readonly nameOf: (code: string | null) => string;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const total = channels.reduce((sum, channel) => sum + channel.entries.length, 0);
  if (total === 0) return null;
  return (
    <details className="consent-events" data-testid="contact-entries">
      <summary>
        {t('contact.entriesTitle')} ({t('contact.entries', { count: total })})
      </summary>
      {channels
        .filter((channel) => channel.entries.length > 0)
        .map((channel) => (
          <div key={channel.channel}>
            <h4>{t(`contact.channels.${channel.channel}`)}</h4>
            <ol>
              {channel.entries.map((entry) => (
                <li key={entry.id}>
                  {t('contact.entry', {
                    when: formatWhen(entry.at, i18n.language),
                    state: t(`contact.states.${entry.kind}`),
                    purpose: nameOf(entry.purpose),
                    who: entry.source ?? entry.recordedBy ?? '',
                    method: t(`consent.methods.${entry.method}`, { defaultValue: entry.method }),
                  })}
                  {entry.evidence === null ? null : <span className="muted"> · {entry.evidence}</span>}
                </li>
              ))}
            </ol>
          </div>
        ))}
    </details>
  );
}

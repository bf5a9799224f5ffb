/** One person in a list: the name opens the detail; emails, phones, city and sources help tell namesakes apart. */
import type { CSSProperties, KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileSummary } from '../../../../main/api/contract';
import { formatPhone } from '../../lib/phone';

export function ProfileHeaderRow(): ReactNode {
  const { t } = useTranslation();
  return (
    <div role="row" aria-rowindex={1} className="profile-row">
      <div role="columnheader">{t('profiles.columns.name')}</div>
      <div role="columnheader">{t('profiles.columns.email')}</div>
      <div role="columnheader">{t('profiles.columns.phone')}</div>
      <div role="columnheader">{t('profiles.columns.city')}</div>
      <div role="columnheader">{t('profiles.columns.sources')}</div>
    </div>
  );
}

function more(values: readonly string[]): string {
  return values.length > 1 ? ` +${values.length - 1}` : '';
}

interface Props {
  readonly profile: ProfileSummary | undefined;
  readonly index: number;
  readonly rowIndex: number;
  readonly style?: CSSProperties;
  readonly onOpen: (profile: ProfileSummary, index: number) => void;
  readonly onKeyDown?: (event: KeyboardEvent<HTMLButtonElement>, index: number) => void;
}

export function ProfileRow({ profile, index, rowIndex, style, onOpen, onKeyDown }: Props): ReactNode {
  const { t } = useTranslation();
  if (!profile) {
    return (
      <div role="row" aria-rowindex={rowIndex} className="profile-row placeholder" style={style} data-index={index} aria-busy="true">
        <div role="cell">
          <span className="skeleton" />
          <span className="visually-hidden">{t('common.loading')}</span>
        </div>
        <div role="cell">
          <span className="skeleton" />
        </div>
        <div role="cell">
          <span className="skeleton short" />
        </div>
        <div role="cell">
          <span className="skeleton short" />
        </div>
        <div role="cell">
          <span className="skeleton short" />
        </div>
      </div>
    );
  }
  const emails = profile.emails.join(', ');
  const phones = profile.phones.map(formatPhone).join(', ');
  const sources = profile.sources.join(', ');
  return (
    <div role="row" aria-rowindex={rowIndex} className="profile-row" style={style} data-index={index} data-profile-id={profile.id}>
      <div role="cell">
        <button type="button" className="link-button profile-open" onClick={() => onOpen(profile, index)} onKeyDown={(event) => onKeyDown?.(event, index)}>
          {profile.displayName || t('profiles.unnamed')}
        </button>
      </div>
      <div role="cell" title={emails || undefined}>
        {profile.emails[0] ?? ''}
        <span className="muted">{more(profile.emails)}</span>
      </div>
      <div role="cell" title={phones || undefined}>
        {profile.phones[0] ? formatPhone(profile.phones[0]) : ''}
        <span className="muted">{more(profile.phones)}</span>
      </div>
      <div role="cell">{profile.city ?? ''}</div>
      <div role="cell" title={sources || undefined} className="muted">
        {sources}
      </div>
    </div>
  );
}

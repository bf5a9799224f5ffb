/**
 * A person's identity: why their records are one person, Split, Merge with another person, and the merge
 * history with Undo. Every change here moves records between people, so the whole person is read again
 * after one (onChanged), this section included.
 */
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeEntry, PairRecord, ProfileSummary } from '../../../../main/api/contract';
import { api, type ClientError } from '../../api/client';
import { ErrorAlert, Notice } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { formatNumber } from '../../lib/format';
import { IdentityMembers } from './identity-members';
import { MergeDialog } from './merge-dialog';
import { MergeHistory } from './merge-history';

interface Props {
  readonly profileId: number;
  readonly name: string;
  readonly onChanged: () => void;
  readonly onOpen: (profileId: number) => void;
}

type Done = { readonly text: string; readonly openId?: number };

export function ProfileIdentity({ profileId, name, onChanged, onOpen }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const explained = useApiData('identity.explain', { profileId });
  const { reload } = explained;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ClientError | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [merging, setMerging] = useState(false);

  /** Runs one change; on success says what it did and reads the person again. */
  const perform = useCallback(
    async <T,>(call: () => Promise<{ ok: true; value: T } | { ok: false; error: ClientError }>, said: (value: T) => Done): Promise<boolean> => {
      setBusy(true);
      setError(null);
      setDone(null);
      try {
        const result = await call();
        if (!result.ok) {
          setError(result.error);
          return false;
        }
        setDone(said(result.value));
        reload();
        onChanged();
        return true;
      } finally {
        setBusy(false);
      }
    },
    [onChanged, reload],
  );

  const split = (record: PairRecord): Promise<boolean> =>
    perform(
      () => api.call('identity.split', { recordId: record.recordId }),
      (value) => ({ text: t('identity.person.why.splitDone', { record: t('identity.person.why.member', { source: record.source, externalId: record.externalId }) }), openId: value.newProfileId }),
    );
  const merge = (other: ProfileSummary): Promise<boolean> =>
    perform(
      () => api.call('identity.merge', { profileA: profileId, profileB: other.id }),
      (value) => ({ text: t('identity.person.merge.done', { records: formatNumber(value.records, i18n.language) }) }),
    );
  const undo = (entry: MergeEntry): Promise<boolean> =>
    perform(
      () => api.call('identity.undoMerge', { mergeId: entry.id }),
      (value) => ({ text: t('identity.person.history.undoneNotice'), openId: value.restoredId }),
    );

  const data = explained.data;
  return (
    <>
      {done ? (
        <Notice tone="success" testId="identity-done">
          {done.text}{' '}
          {done.openId !== undefined && done.openId !== profileId ? (
            <button type="button" className="button button-small" onClick={() => done.openId !== undefined && onOpen(done.openId)}>
              {t('identity.person.why.openSplit')}
            </button>
          ) : null}
        </Notice>
      ) : null}
      <ErrorAlert error={error} />
      <section className="card" aria-labelledby="profile-why-title" data-testid="profile-why">
        <div className="form-actions spread">
          <h3 className="card-title" id="profile-why-title">
            {t('identity.person.why.title')}
          </h3>
          <button type="button" className="button button-small" onClick={() => setMerging(true)} disabled={busy}>
            {t('identity.person.merge.button')}
          </button>
        </div>
        <p className="card-description">{t('identity.person.why.description')}</p>
        <ErrorAlert error={explained.error} />
        {data ? <IdentityMembers members={data.members} busy={busy} onSplit={split} /> : explained.error ? null : <p className="muted">{t('common.loading')}</p>}
      </section>
      <section className="card" aria-labelledby="profile-merges-title" data-testid="profile-merges">
        <h3 className="card-title" id="profile-merges-title">
          {t('identity.person.history.title')}
        </h3>
        {data ? <MergeHistory merges={data.merges} busy={busy} onUndo={undo} /> : null}
      </section>
      <MergeDialog open={merging} profileId={profileId} name={name} busy={busy} onMerge={merge} onClose={() => setMerging(false)} />
    </>
  );
}

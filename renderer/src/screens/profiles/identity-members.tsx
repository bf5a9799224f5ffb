/**
 * "Why these records are one person": each record, how it joined (import, the rules, a steward), the
 * member it is most alike with the score between them, the evidence in words on demand, and Split this
 * record out (confirmed first: a split is kept by every later resolution).
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodReply, PairRecord } from '../../../../main/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { percent, signedWeight } from '../../lib/identity';
import { EvidenceList } from '../identity/evidence-list';

type Member = MethodReply<'identity.explain'>['members'][number];

interface Props {
  readonly members: readonly Member[];
  readonly busy: boolean;
  readonly onSplit: (record: PairRecord) => Promise<boolean>;
}

function MemberItem({ member, others, canSplit, onSplit }: { readonly member: Member; readonly others: ReadonlyMap<number, PairRecord>; readonly canSplit: boolean; readonly onSplit: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const { record, closest } = member;
  const name = t('identity.person.why.member', { source: record.source, externalId: record.externalId });
  const closestRecord = closest ? (others.get(closest.recordId) ?? null) : null;
  const closestName = closestRecord ? t('identity.person.why.member', { source: closestRecord.source, externalId: closestRecord.externalId }) : '';
  return (
    <li className="identity-member" data-testid="identity-member" data-record-id={record.recordId}>
      <div className="identity-member-head">
        <h4>{name}</h4>
        <span className="badge">{t(`identity.person.why.how.${member.how}`)}</span>
      </div>
      {closest ? (
        <>
          <p className="small">
            {t('identity.person.why.closest', { record: closestName, score: signedWeight(closest.evidence.logOdds, language), percent: percent(closest.evidence.probability, language) })}
          </p>
          <details>
            <summary>{t('identity.person.why.showEvidence', { record: name })}</summary>
            <EvidenceList evidence={closest.evidence} a={record} b={closestRecord} />
          </details>
        </>
      ) : (
        <p className="muted small">{t('identity.person.why.noClosest')}</p>
      )}
      {canSplit ? (
        <div className="form-actions start">
          <button type="button" className="button button-small" onClick={onSplit} aria-label={t('identity.person.why.splitLabel', { record: name })}>
            {t('identity.person.why.split')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

export function IdentityMembers({ members, busy, onSplit }: Props): ReactNode {
  const { t } = useTranslation();
  const [splitting, setSplitting] = useState<PairRecord | null>(null);
  const records = new Map(members.map((member) => [member.record.recordId, member.record]));
  const splitName = splitting ? t('identity.person.why.member', { source: splitting.source, externalId: splitting.externalId }) : '';
  if (members.length <= 1) return <p className="muted">{t('identity.person.why.one')}</p>;
  return (
    <>
      <ul className="identity-members">
        {members.map((member) => (
          <MemberItem key={member.record.recordId} member={member} others={records} canSplit={members.length > 1} onSplit={() => setSplitting(member.record)} />
        ))}
      </ul>
      <ConfirmDialog
        open={splitting !== null}
        title={t('identity.person.why.splitTitle', { record: splitName })}
        confirmLabel={t('identity.person.why.splitConfirm')}
        busy={busy}
        danger
        onCancel={() => setSplitting(null)}
        onConfirm={() => {
          // Closed whatever the answer: a refusal is shown in the section, not hidden behind the dialog.
          if (splitting) void onSplit(splitting).then(() => setSplitting(null));
        }}
      >
        <p>{t('identity.person.why.splitText')}</p>
      </ConfirmDialog>
    </>
  );
}

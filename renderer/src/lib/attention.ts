/**
 * How an item of overview.attention is said and where its tile leads. Pure, so that every kind is
 * checked in both languages without drawing the home screen.
 */
import type { TFunction } from 'i18next';
import type { AttentionItem, Role } from '../../../main/api/contract';
import type { Area, AreaFocus } from '../session/areas';
import { formatDateTime, formatNumber } from './format';

export interface AttentionText {
  readonly title: string;
  readonly text: string;
  readonly action: string;
}

/** Auditors may not read rejected rows (personal data): their tile opens the history, and says so. */
function actionKey(item: AttentionItem, role: Role): string {
  const rows = item.kind === 'runRejectedAll' || item.kind === 'runRejectedSome' || item.kind === 'heldRecords';
  return `overview.attention.kinds.${item.kind}.${rows && role === 'auditor' ? 'actionAuditor' : 'action'}`;
}

export function attentionText(t: TFunction, item: AttentionItem, role: Role, language: string): AttentionText {
  const base = `overview.attention.kinds.${item.kind}`;
  const params = {
    count: item.count,
    formatted: formatNumber(item.count, language),
    name: item.name,
    date: item.at === null ? '' : formatDateTime(item.at, language),
  };
  const textKey = item.kind === 'connectorOverdue' && item.at === null ? `${base}.textNever` : `${base}.text`;
  return { title: t(`${base}.title`), text: t(textKey, params), action: t(actionKey(item, role)) };
}

export function attentionDestination(item: AttentionItem): { readonly area: Area; readonly focus: AreaFocus } {
  const target = item.target;
  switch (target.place) {
    case 'runs':
      return { area: 'sources', focus: { tab: 'runs', runId: target.runId } };
    case 'connectors':
      return { area: 'sources', focus: { tab: 'connectors', sourceId: target.sourceId } };
    case 'quality':
      return { area: 'quality', focus: { sourceId: target.sourceId } };
    case 'identity':
      return { area: 'identity', focus: { identityView: target.view } };
    case 'requests':
      return { area: 'requests', focus: {} };
    case 'held':
      return { area: 'profiles', focus: { profilesView: 'held' } };
    case 'consent':
      return { area: 'consent', focus: { consentFinding: target.finding } };
    case 'erasure':
      return { area: 'erasure', focus: { erasureView: item.kind === 'holdsEnding' ? 'holds' : 'certificates' } };
    case 'partners':
      return { area: 'partners', focus: { partnersView: target.view } };
    case 'retention':
      if (item.kind === 'sweepsRefused') return { area: 'retention', focus: { retentionView: 'sweeps' } };
      return { area: 'retention', focus: item.kind === 'retentionReview' ? { retentionView: 'due', retentionAction: 'review' } : { retentionView: 'due' } };
  }
}

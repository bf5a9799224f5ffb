import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../main/api/contract';
import { compactJson, formatDateTime, shortHash } from '../../lib/format';

function objectLabel(entry: AuditEntry, typeLabel: (type: string) => string): string {
  if (!entry.objectType) return '';
  const id = entry.objectId ? ` ${entry.objectId.length > 12 ? shortHash(entry.objectId, 8) : `#${entry.objectId}`}` : '';
  return `${typeLabel(entry.objectType)}${id}`;
}

export function AuditEntryRow({ entry, rowIndex, style }: { readonly entry: AuditEntry; readonly rowIndex: number; readonly style: CSSProperties }): ReactNode {
  const { t, i18n } = useTranslation();
  const details = compactJson(entry.details);
  const object = objectLabel(entry, (type) => t(`audit.objectTypes.${type}`, { defaultValue: type }));
  return (
    <div role="row" aria-rowindex={rowIndex} className="audit-row" style={style} data-seq={entry.seq} data-action={entry.action}>
      <div role="cell" className="col-seq">
        {entry.seq}
      </div>
      <div role="cell" className="col-time">
        <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language)}</time>
      </div>
      <div role="cell" className="col-actor">
        {entry.actorName ?? <span className="muted">{t('audit.system')}</span>}
      </div>
      <div role="cell" className="col-action" title={entry.action}>
        <span className="action-label">{t(`auditActions.${entry.action}`, { defaultValue: entry.action })}</span>
        <code className="action-key">{entry.action}</code>
      </div>
      <div role="cell" className="col-object" title={entry.objectId ?? undefined}>
        {object}
      </div>
      <div role="cell" className="col-details" title={details || undefined}>
        <code>{details}</code>
      </div>
    </div>
  );
}

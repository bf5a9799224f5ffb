import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditNames } from '../../../../main/api/contract';
import { detailFields, detailSummary, objectText } from '../../lib/audit-labels';
import { formatDateTime } from '../../lib/format';

interface Props {
  readonly entry: AuditEntry;
  readonly names: AuditNames;
  readonly rowIndex: number;
  readonly style: CSSProperties;
  readonly selected: boolean;
  readonly onOpen: (seq: number) => void;
}

/**
 * One entry on two short lines at most; what does not fit is cut with its whole text in the cell's title,
 * and all of it is in the side panel, which the number's button (or a click anywhere on the row) opens.
 */
export function AuditEntryRow({ entry, names, rowIndex, style, selected, onOpen }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const details = detailSummary(detailFields(entry.details, names, t, language), t);
  const object = objectText(entry.objectType, entry.objectId, names, t);
  const action = t(`auditActions.${entry.action}`, { defaultValue: entry.action });
  const time = formatDateTime(entry.at, language);
  return (
    // The button in the first cell is the keyboard's way in; the row's click is a larger target for the mouse.
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      className={`audit-row${selected ? ' selected' : ''}`}
      style={style}
      data-seq={entry.seq}
      data-action={entry.action}
      onClick={(event) => {
        if (!(event.target instanceof Element) || !event.target.closest('button')) onOpen(entry.seq);
      }}
    >
      <div role="cell" className="col-seq">
        <button type="button" className="link-button" aria-label={t('audit.entry.open', { seq: entry.seq })} onClick={() => onOpen(entry.seq)}>
          {entry.seq}
        </button>
      </div>
      <div role="cell" className="col-time" title={time}>
        <time dateTime={entry.at}>{time}</time>
      </div>
      <div role="cell" className="col-actor" title={entry.actorName ?? undefined}>
        {entry.actorName ?? <span className="muted">{t('audit.system')}</span>}
      </div>
      <div role="cell" className="col-action" title={`${action} (${entry.action})`}>
        <span className="action-label">{action}</span>
        <code className="action-key">{entry.action}</code>
      </div>
      <div role="cell" className="col-object" title={object ? (object.full ?? object.text) : undefined}>
        {object?.text}
      </div>
      <div role="cell" className="col-details" title={details || undefined}>
        {details}
      </div>
    </div>
  );
}

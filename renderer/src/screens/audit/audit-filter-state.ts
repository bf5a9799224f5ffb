/** The filter as the form holds it (days, select values) and as the API wants it (ISO instants). */
import type { AuditFilter } from '../../../../main/api/contract';
import { dayEnd, dayStart } from '../../lib/date-range';

export interface AuditFilterForm {
  readonly actorId: string;
  readonly action: string;
  /** A profile number: entries about that person (who opened it). */
  readonly profileId: string;
  readonly fromDay: string;
  readonly toDay: string;
}

export const EMPTY_FILTER: AuditFilterForm = { actorId: '', action: '', profileId: '', fromDay: '', toDay: '' };

export function toApiFilter(form: AuditFilterForm): AuditFilter {
  const from = dayStart(form.fromDay);
  const to = dayEnd(form.toDay);
  return {
    ...(form.actorId ? { actorId: Number(form.actorId) } : {}),
    ...(form.action ? { action: form.action } : {}),
    ...(/^\d+$/.test(form.profileId.trim()) ? { objectType: 'profile', objectId: form.profileId.trim() } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

export function isFiltered(form: AuditFilterForm): boolean {
  return Object.keys(toApiFilter(form)).length > 0;
}

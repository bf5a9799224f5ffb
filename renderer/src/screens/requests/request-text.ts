/** How a request's deadline is said: days left, due today, overdue by so many days, or closed on a date. Pure. */
import type { TFunction } from 'i18next';
import type { RequestSummary } from '../../../../main/api/contract';
import { formatWhen } from '../../lib/format';

export function deadlineText(t: TFunction, request: Pick<RequestSummary, 'daysLeft' | 'closedAt'>, language: string): string {
  if (request.daysLeft === null) return t('requests.closedOn', { date: request.closedAt === null ? '' : formatWhen(request.closedAt, language) });
  if (request.daysLeft < 0) return t('requests.overdue', { count: -request.daysLeft });
  if (request.daysLeft === 0) return t('requests.dueToday');
  return t('requests.daysLeft', { count: request.daysLeft });
}

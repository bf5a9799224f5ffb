/** The schedules.* methods behind the contract (docs/partners.md). */
import { AppError } from '../../core/errors';
import type { SliceHandlers } from '../../core/handlers';
import type { CapabilityContext } from '../../vault/index';
import type { partnersMethods } from '../contract';

type Handlers = SliceHandlers<typeof partnersMethods, CapabilityContext>;

const notYet = (): never => {
  throw new AppError('INTERNAL', 'Not built yet.');
};

export const scheduleHandlers: Pick<Handlers, `schedules.${string}` & keyof Handlers> = {
  'schedules.list': notYet,
  'schedules.add': notYet,
  'schedules.remove': notYet,
  'schedules.runDue': notYet,
};

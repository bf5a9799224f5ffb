/** The extracts.* methods behind the contract (docs/partners.md). */
import { AppError } from '../../core/errors';
import type { SliceHandlers } from '../../core/handlers';
import type { CapabilityContext } from '../../vault/index';
import type { partnersMethods } from '../contract';

type Handlers = SliceHandlers<typeof partnersMethods, CapabilityContext>;

const notYet = (): never => {
  throw new AppError('INTERNAL', 'Not built yet.');
};

export const extractHandlers: Pick<Handlers, `extracts.${string}` & keyof Handlers> = {
  'extracts.preview': notYet,
  'extracts.run': notYet,
};

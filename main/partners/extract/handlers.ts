/** The extracts.* methods behind the contract (docs/partners.md). */
import type { SliceHandlers } from '../../core/handlers';
import type { CapabilityContext } from '../../vault/index';
import type { partnersMethods } from '../contract';
import { previewExtract, runExtract } from './run';

type Handlers = SliceHandlers<typeof partnersMethods, CapabilityContext>;

export const extractHandlers: Pick<Handlers, `extracts.${string}` & keyof Handlers> = {
  'extracts.preview': ({ agreementId, audience, fields }, context, job) => previewExtract(context, { agreementId, audience, fields }, job),
  'extracts.run': ({ agreementId, audience, format, fields, outFile, overwrite }, context, job) =>
    runExtract(context, { agreementId, audience, format, fields, outFile, overwrite }, job),
};

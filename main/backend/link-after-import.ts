/**
 * Imports and syncs (ingest) end with identity's incremental link. Composed here because identity builds on
 * ingest, not the other way round. The import has committed by then: a link that fails or is cancelled
 * leaves its records pending (the Identities screen counts them) for the next import or `identity.link`,
 * and the import's own result stands.
 */
import type { JobControl } from '../core/job-control';
import { linkPending } from '../identity/index';
import type { CapabilityContext } from '../vault/index';

type JobHandler<I, O> = (input: I, context: CapabilityContext, job: JobControl) => Promise<O>;

export function linkedAfter<I, O>(handler: JobHandler<I, O>): JobHandler<I, O> {
  return async (input, context, job) => {
    const value = await handler(input, context, job);
    try {
      await linkPending(context.vaults, context.now, job);
    } catch {
      // Left pending on purpose (see above); the vault is as the import left it.
    }
    return value;
  };
}

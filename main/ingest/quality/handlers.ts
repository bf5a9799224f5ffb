/** The data quality methods of the contract; the work is in flags.ts and correct.ts. */
import type { SliceHandlers } from '../../core/handlers';
import { yieldToEventLoop } from '../../jobs/index';
import type { CapabilityContext } from '../../vault/index';
import type { CorrectionPlan, qualityMethods } from './contract';
import { applyCorrection, previewCorrection } from './correct';
import { listFlags, qualityOverview, qualitySummary } from './flags';

export const qualityHandlers: SliceHandlers<typeof qualityMethods, CapabilityContext> = {
  'quality.overview': (_input, { vaults }) => qualityOverview(vaults.current().db),
  'quality.summary': ({ sourceId, runId }, { vaults }) => qualitySummary(vaults.current().db, sourceId, runId),
  'quality.flags': ({ offset, limit, ...filter }, { vaults }) => listFlags(vaults.current().db, filter, offset, limit),
  'quality.previewCorrection': ({ sourceId, correction }, { vaults, now }) => previewCorrection(vaults.current().db, sourceId, correction, now()),
  'quality.correct': async ({ sourceId, correction, token }, { vaults, now }, job) => {
    const vault = vaults.current();
    await vaults.pages.assertIntact(vault);
    job.progress('correcting', 0, null);
    // The last moment Cancel changes nothing: from here on it is one transaction.
    await yieldToEventLoop();
    job.checkpoint();
    const result = vaults.mutate<Omit<CorrectionPlan, 'token'>>(
      (counts) => ({
        action: 'quality.corrected',
        objectType: 'source',
        objectId: sourceId,
        details: {
          kind: correction.kind,
          ...('country' in correction ? { country: correction.country } : { format: correction.format }),
          ...(correction.column === undefined ? {} : { column: correction.column }),
          ...counts,
        },
      }),
      ({ db }) => applyCorrection(db, sourceId, correction, token, now()),
    );
    job.progress('done', 1, 1);
    return result;
  },
};

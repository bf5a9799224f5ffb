import type { SliceHandlers } from '../core/handlers';
import type { jobMethods } from './contract';
import type { JobRegistry } from './jobs';

/** All the jobs' handlers need of the context: the registry (so this capability needs nothing of the vault). */
export const jobHandlers: SliceHandlers<typeof jobMethods, { readonly jobs: JobRegistry }> = {
  'jobs.get': ({ jobId }, { jobs }) => jobs.get(jobId),
  'jobs.cancel': ({ jobId }, { jobs }) => jobs.cancel(jobId),
};

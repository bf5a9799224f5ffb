import type { SliceHandlers } from '../core/handlers';
import type { CapabilityContext } from '../vault/index';
import type { jobMethods } from './contract';

export const jobHandlers: SliceHandlers<typeof jobMethods, CapabilityContext> = {
  'jobs.get': ({ jobId }, { jobs }) => jobs.get(jobId),
  'jobs.cancel': ({ jobId }, { jobs }) => jobs.cancel(jobId),
};

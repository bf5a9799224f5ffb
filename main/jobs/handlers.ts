import type { Handlers } from '../backend/context';

export const jobHandlers: Handlers<'jobs.get' | 'jobs.cancel'> = {
  'jobs.get': ({ jobId }, { jobs }) => jobs.get(jobId),
  'jobs.cancel': ({ jobId }, { jobs }) => jobs.cancel(jobId),
};

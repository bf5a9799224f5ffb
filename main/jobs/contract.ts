/** The jobs slice of the contract. Long work: a job's state for a client that missed its events, and Cancel. */
import { z } from 'zod';
import { method, sessionAccess } from '../core/contract-kit';

export const JobId = z.object({ jobId: z.string() });
export const JobState = z.object({
  jobId: z.string(),
  method: z.string(),
  status: z.enum(['running', 'completed', 'failed', 'cancelled']),
  step: z.string(),
  done: z.number(),
  total: z.number().nullable(),
  /** A finished job's result, so a client that missed the event can still collect it. */
  value: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }).optional(),
});
export type JobState = z.infer<typeof JobState>;

export const jobMethods = {
  'jobs.get': method({ input: JobId, output: JobState, access: sessionAccess, audit: 'read-only' }),
  'jobs.cancel': method({ input: JobId, output: JobState, access: sessionAccess, audit: 'unaudited: the cancelled job records its own end' }),
} as const;

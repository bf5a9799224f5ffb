/**
 * The shape of a handler, derived from its method's spec: a job method's handler gets a JobControl and
 * returns a promise. A capability types its handler table against its own contract slice, so it never
 * needs the composed contract (which lives above it, in main/api).
 */
import type { z } from 'zod';
import type { MethodSpec } from './contract-kit';
import type { JobControl } from './job-control';

export type Handler<S extends MethodSpec, C> = S extends { job: true }
  ? (input: z.output<S['input']>, ctx: C, job: JobControl) => Promise<z.output<S['output']>>
  : (input: z.output<S['input']>, ctx: C) => z.output<S['output']> | Promise<z.output<S['output']>>;

/** One handler for each method of a slice (or of the whole contract). */
export type SliceHandlers<Slice extends Readonly<Record<string, MethodSpec>>, C> = { readonly [M in keyof Slice]: Handler<Slice[M], C> };

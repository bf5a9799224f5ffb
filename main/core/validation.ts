import type { z } from 'zod';

/** A zod failure in one line a person can act on: the first few fields and what is wrong with each. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

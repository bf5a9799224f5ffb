/**
 * The suppression list (main/suppression): what keeps an erased person from coming back with the next
 * import or sync. Only counts are shown, per erasure; the digests say nothing readable and stay inside.
 * Environment-neutral like every contract file (the renderer imports it through main/api).
 */
import { z } from 'zod';
import { IsoTime, method, roles } from '../core/contract-kit';

export const SuppressionEntry = z.object({
  erasureId: z.number().int(),
  erasedAt: IsoTime,
  /** Source record keys (a source sending the same customer number again). */
  record: z.number().int(),
  /** A folded name with an email. */
  nameEmail: z.number().int(),
  /** A folded name with a phone. */
  namePhone: z.number().int(),
  total: z.number().int(),
});
export type SuppressionEntry = z.infer<typeof SuppressionEntry>;

export const SuppressionList = z.object({
  /** Every entry of the list, over all erasures. */
  total: z.number().int(),
  erasures: z.array(SuppressionEntry),
});
export type SuppressionList = z.infer<typeof SuppressionList>;

export const suppressionMethods = {
  'suppression.list': method({
    input: z.object({}).strict(),
    output: SuppressionList,
    access: roles('administrator', 'steward', 'auditor'),
    audit: 'read-only',
  }),
} as const;

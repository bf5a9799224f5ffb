/**
 * What every capability's contract slice is made of: roles and who may call a method, the shared input
 * shapes, and method() / jobMethod(). Environment-neutral (no Node, no DOM): the renderer imports the
 * composed contract for its types and schemas.
 */
import { z } from 'zod';

export const ROLES = ['administrator', 'steward', 'auditor'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const LANGUAGES = ['en', 'fr'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/**
 * Where dates, times, numbers, money and addresses are written the local way: Canada (Quebec's
 * conventions in French), France, Poland, the United States, or `other` (the system's own region).
 */
export const REGIONS = ['CA', 'FR', 'PL', 'US', 'other'] as const;
export const Region = z.enum(REGIONS);
export type Region = z.infer<typeof Region>;

/** Who may call a method: anyone (before unlock), any unlocked user, or listed roles only. */
export type Access = { readonly kind: 'public' } | { readonly kind: 'session' } | { readonly kind: 'roles'; readonly roles: readonly Role[] };

export const publicAccess: Access = { kind: 'public' };
export const sessionAccess: Access = { kind: 'session' };
export const roles = (...allowed: Role[]): Access => ({ kind: 'roles', roles: allowed });

/**
 * What a call leaves in the audit trail: the actions it may write (checked against the audit trail's
 * vocabulary by a test), `read-only`, or why a call that changes something is not audited.
 */
export type AuditEffect = readonly string[] | 'read-only' | `unaudited: ${string}`;

export const UserName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}._@-][\p{L}\p{N} ._@-]*$/u, 'letters, digits, spaces and . _ @ - only');
/** Long passphrases are encouraged; 10 characters is the floor NIST SP 800-63B would accept for a vault key. */
export const Passphrase = z.string().min(10).max(1024);
export const FilePath = z.string().min(1).max(4096);
/** Whether a file written by the call may replace one of the same name (the CLI's --force, a confirmation in the UI). */
export const Overwrite = z.boolean().default(false);
export const IsoTime = z.string();
export const Empty = z.object({}).strict();

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly access: Access;
  readonly audit: AuditEffect;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> & { readonly job?: undefined } {
  return spec;
}

/** Long work: dispatch answers `{ jobId }` at once and `output` is what the job completes with. */
export function jobMethod<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> & { readonly job: true } {
  return { ...spec, job: true };
}

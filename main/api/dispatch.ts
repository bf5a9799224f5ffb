/**
 * dispatch(): the single door into the backend. It validates input, checks the caller's role, runs the
 * handler, validates the output and turns every failure into `{ ok: false, error }` with a closed code.
 * Audit entries are written by the handlers inside their own transaction, never here, so that a
 * mutation and its entry commit or vanish together.
 */
import type { Handler as CoreHandler, SliceHandlers } from '../core/handlers';
import { contract, type Access, type Contract, type MethodName, type MethodReply, type Role } from './contract';
import { AppError, type ApiError, type Result } from '../core/errors';
import type { JobControl } from '../core/job-control';
import { describeZodError } from '../core/validation';

export type { JobControl };

export type Handler<M extends MethodName, C> = CoreHandler<Contract[M], C>;

export type HandlerTable<C> = SliceHandlers<Contract, C>;

export interface DispatchHost<C> {
  readonly context: C;
  /** The role of the unlocked user, or null while the vault is locked. */
  currentRole(): Role | null;
  /**
   * Whether the unlocked user must replace a one-time passphrase first: until then, only what any session
   * may do (change the passphrase, lock, poll) is allowed.
   */
  mustChangePassphrase?(): boolean;
  startJob(method: MethodName, run: (job: JobControl) => Promise<unknown>): string;
  /** Maps errors thrown by libraries (SQLite, file system) to API errors; unknown ones become INTERNAL. */
  mapError(error: unknown, method: MethodName): ApiError;
}

export type Dispatch = <M extends MethodName>(method: M, input: unknown) => Promise<Result<MethodReply<M>>>;

function checkAccess(access: Access, role: Role | null): ApiError | null {
  switch (access.kind) {
    case 'public':
      return null;
    case 'session':
      return role ? null : { code: 'LOCKED', message: 'The vault is locked.' };
    case 'roles':
      if (!role) return { code: 'LOCKED', message: 'The vault is locked.' };
      return access.roles.includes(role) ? null : { code: 'FORBIDDEN', message: `The ${role} role may not do this.`, params: { role } };
  }
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export function createDispatch<C>(handlers: HandlerTable<C>, host: DispatchHost<C>): Dispatch {
  return async function dispatch<M extends MethodName>(method: M, rawInput: unknown): Promise<Result<MethodReply<M>>> {
    if (!isMethodName(method)) return { ok: false, error: { code: 'INVALID_INPUT', message: `Unknown method ${String(method)}.` } };
    const spec = contract[method];
    const denied =
      spec.access.kind === 'roles' && host.mustChangePassphrase?.()
        ? {
            code: 'FORBIDDEN' as const,
            message: 'Replace the one-time passphrase first (Settings › Passphrase).',
            params: { reason: 'passphraseChangeRequired' },
          }
        : checkAccess(spec.access, host.currentRole());
    if (denied) return { ok: false, error: denied };
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: { code: 'INVALID_INPUT', message: describeZodError(parsed.error) } };
    const handler = handlers[method] as (input: unknown, ctx: C, job?: JobControl) => unknown;
    try {
      if ('job' in spec && spec.job) {
        const jobId = host.startJob(method, async (job) => {
          const value = await handler(parsed.data, host.context, job);
          return validateOutput(method, value);
        });
        return { ok: true, value: { jobId } as MethodReply<M> };
      }
      const value = await handler(parsed.data, host.context);
      return { ok: true, value: validateOutput(method, value) as MethodReply<M> };
    } catch (error) {
      return { ok: false, error: error instanceof AppError ? error.toApiError() : host.mapError(error, method) };
    }
  };
}

function validateOutput(method: MethodName, value: unknown): unknown {
  const checked = contract[method].output.safeParse(value);
  if (!checked.success) throw new Error(`Handler ${method} returned an invalid value: ${describeZodError(checked.error)}`);
  return checked.data;
}

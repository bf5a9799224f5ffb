/** The users slice of the contract. Users and their roles. */
import { z } from 'zod';
import { Empty, IsoTime, Passphrase, Role, UserName, method, roles } from '../core/contract-kit';

export const User = z.object({
  id: z.number().int(),
  name: z.string(),
  role: Role,
  status: z.enum(['active', 'disabled']),
  createdAt: IsoTime,
  signingKeyFingerprint: z.string().nullable(),
  /** When the user last unlocked the vault; null if never. */
  lastUnlockAt: IsoTime.nullable(),
  /** An administrator reset the passphrase: the one-time passphrase must be replaced at the next unlock. */
  mustChangePassphrase: z.boolean(),
});
export type User = z.infer<typeof User>;

export const userMethods = {
  'users.list': method({ input: Empty, output: z.array(User), access: roles('administrator', 'auditor'), audit: 'read-only' }),
  'users.add': method({
    input: z.object({ name: UserName, role: Role, passphrase: Passphrase }),
    output: User,
    access: roles('administrator'),
    audit: ['user.added'],
  }),
  'users.disable': method({ input: z.object({ userId: z.number().int() }), output: User, access: roles('administrator'), audit: ['user.disabled'] }),
  /** Never leaves the vault without an active administrator; an administrator does not change their own role. */
  'users.changeRole': method({
    input: z.object({ userId: z.number().int(), role: Role }),
    output: User,
    access: roles('administrator'),
    audit: ['user.role_changed'],
  }),
  /**
   * A forgotten passphrase: the user's keyslot is replaced by one for a one-time passphrase, shown once,
   * which the user must replace at the next unlock. A signing key sealed in the old keyslot is lost with it.
   */
  'users.resetPassphrase': method({
    input: z.object({ userId: z.number().int() }),
    output: z.object({ user: User, oneTimePassphrase: z.string() }),
    access: roles('administrator'),
    audit: ['user.passphrase_reset'],
  }),
  'users.createSigningKey': method({
    input: z.object({ passphrase: z.string().min(1).max(1024) }),
    output: z.object({ fingerprint: z.string() }),
    access: roles('auditor'),
    audit: ['user.signing_key_created'],
  }),
} as const;

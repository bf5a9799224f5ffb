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
  'users.createSigningKey': method({
    input: z.object({ passphrase: z.string().min(1).max(1024) }),
    output: z.object({ fingerprint: z.string() }),
    access: roles('auditor'),
    audit: ['user.signing_key_created'],
  }),
} as const;

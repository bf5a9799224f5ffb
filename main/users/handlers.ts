import type { Handlers } from '../backend/context';
import { generateSigningKeyPair, publicKeyFingerprint } from '../audit/checkpoint';
import { addUser, disableUser, listUsers } from './users';

export const userHandlers: Handlers<'users.list' | 'users.add' | 'users.disable' | 'users.createSigningKey'> = {
  'users.list': (_input, { vaults }) => listUsers(vaults.current().db),
  'users.add': ({ name, role, passphrase }, { vaults }) => addUser(vaults, name, role, passphrase),
  'users.disable': ({ userId }, { vaults }) => disableUser(vaults, userId),
  'users.createSigningKey': async ({ passphrase }, { vaults }) => {
    const { privateKeyDer, publicKeyDer } = generateSigningKeyPair();
    const fingerprint = publicKeyFingerprint(publicKeyDer.toString('base64'));
    await vaults.attachSigningKey(passphrase, privateKeyDer, publicKeyDer, fingerprint);
    return { fingerprint };
  },
};

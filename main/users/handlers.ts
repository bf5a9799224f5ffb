import type { SliceHandlers } from '../core/handlers';
import type { CapabilityContext } from '../vault/index';
import type { userMethods } from './contract';
import { generateSigningKeyPair, publicKeyFingerprint } from '../audit/index';
import { addUser, changeRole, disableUser, listUsers, resetPassphrase } from './users';

export const userHandlers: SliceHandlers<typeof userMethods, CapabilityContext> = {
  'users.list': (_input, { vaults }) => listUsers(vaults.current().db),
  'users.add': ({ name, role, passphrase }, { vaults }) => addUser(vaults, name, role, passphrase),
  'users.disable': ({ userId }, { vaults }) => disableUser(vaults, userId),
  'users.changeRole': ({ userId, role }, { vaults }) => changeRole(vaults, userId, role),
  'users.resetPassphrase': ({ userId }, { vaults }) => resetPassphrase(vaults, userId),
  'users.createSigningKey': async ({ passphrase }, { vaults }) => {
    const { privateKeyDer, publicKeyDer } = generateSigningKeyPair();
    const fingerprint = publicKeyFingerprint(publicKeyDer.toString('base64'));
    await vaults.attachSigningKey(passphrase, privateKeyDer, publicKeyDer, fingerprint);
    return { fingerprint };
  },
};

/**
 * Users and roles live inside the encrypted database; each active user also has one keyslot. Disabling
 * a user removes their keyslot, so their passphrase no longer opens the vault.
 */
import type { Role } from '../core/contract-kit';
import type { User } from './contract';
import { AppError } from '../core/errors';
import { publicKeyFingerprint } from '../audit/index';
import { createSlot, foldUserName, newRecoveryCode, readKeyslots, writeKeyslots } from '../store/keyslots';
import { sql, type SqlRunner } from '../store/sql';
import type { VaultService } from '../vault/index';

interface UserRow {
  id: number;
  name: string;
  role: Role;
  status: 'active' | 'disabled';
  created_at: string;
  signing_public_key: string | null;
  last_unlock_at: string | null;
  must_change_passphrase: 0 | 1;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    status: row.status,
    createdAt: row.created_at,
    signingKeyFingerprint: row.signing_public_key ? publicKeyFingerprint(row.signing_public_key) : null,
    lastUnlockAt: row.last_unlock_at,
    mustChangePassphrase: row.must_change_passphrase === 1,
  };
}

export function listUsers(db: SqlRunner): User[] {
  return db.all<UserRow>(sql`SELECT * FROM app_user ORDER BY name_folded`).map(toUser);
}

function getUser(db: SqlRunner, id: number): User {
  const row = db.get<UserRow>(sql`SELECT * FROM app_user WHERE id = ${id}`);
  if (!row) throw new AppError('NOT_FOUND', `There is no user ${id}.`, { userId: id });
  return toUser(row);
}

export async function addUser(vaults: VaultService, name: string, role: Role, passphrase: string): Promise<User> {
  const vault = vaults.current();
  const folded = foldUserName(name);
  if (vault.db.get(sql`SELECT 1 FROM app_user WHERE name_folded = ${folded}`)) {
    throw new AppError('CONFLICT', 'A user with that name already exists.');
  }
  const nextId = vault.db.get<{ id: number }>(sql`SELECT coalesce(max(id), 0) + 1 AS id FROM app_user`)?.id ?? 1;
  // The Argon2id derivation is the slow part: do it before the transaction, not inside it.
  const { slot } = await createSlot(vault.vaultId, vault.key, passphrase, { kind: 'user', userId: nextId, userName: name });
  return vaults.mutate<User>(
    (user) => ({ action: 'user.added', objectType: 'user', objectId: user.id, details: { role } }),
    ({ db, files }) => {
      db.run(
        sql`INSERT INTO app_user (id, name, name_folded, role, created_at) VALUES (${nextId}, ${name.trim()}, ${folded}, ${role}, ${vaults.now().toISOString()})`,
      );
      const keyslots = readKeyslots(files.keyslots);
      writeKeyslots(files.keyslots, { ...keyslots, slots: [...keyslots.slots.filter((existing) => existing.userId !== nextId), slot] });
      return getUser(db, nextId);
    },
  );
}

export function disableUser(vaults: VaultService, userId: number): User {
  const vault = vaults.current();
  if (userId === vault.user.id) throw new AppError('CONFLICT', 'You cannot disable your own account.');
  const target = getUser(vault.db, userId);
  if (target.status === 'disabled') return target;
  return vaults.mutate(
    () => ({ action: 'user.disabled', objectType: 'user', objectId: userId, details: { role: target.role } }),
    ({ db, files }) => {
      db.run(sql`UPDATE app_user SET status = 'disabled' WHERE id = ${userId}`);
      if (activeAdministrators(db) === 0) throw new AppError('CONFLICT', 'The vault must keep at least one active administrator.');
      const keyslots = readKeyslots(files.keyslots);
      writeKeyslots(files.keyslots, { ...keyslots, slots: keyslots.slots.filter((slot) => slot.kind !== 'user' || slot.userId !== userId) });
      return getUser(db, userId);
    },
  );
}

function activeAdministrators(db: SqlRunner): number {
  return db.get<{ n: number }>(sql`SELECT count(*) AS n FROM app_user WHERE role = 'administrator' AND status = 'active'`)?.n ?? 0;
}

export function changeRole(vaults: VaultService, userId: number, role: Role): User {
  const vault = vaults.current();
  // The session keeps the role it unlocked with: another administrator changes this one's.
  if (userId === vault.user.id) throw new AppError('CONFLICT', 'You cannot change your own role.', { reason: 'ownAccount' });
  const target = getUser(vault.db, userId);
  if (target.status === 'disabled') throw new AppError('CONFLICT', 'This account is disabled.', { reason: 'userDisabled' });
  if (target.role === role) return target;
  return vaults.mutate(
    () => ({ action: 'user.role_changed', objectType: 'user', objectId: userId, details: { from: target.role, to: role } }),
    ({ db }) => {
      db.run(sql`UPDATE app_user SET role = ${role} WHERE id = ${userId}`);
      if (activeAdministrators(db) === 0) {
        throw new AppError('CONFLICT', 'The vault must keep at least one active administrator.', { reason: 'lastAdministrator' });
      }
      return getUser(db, userId);
    },
  );
}

/**
 * Replaces the user's keyslot with one for a one-time passphrase (as readable as a recovery code), which
 * the user must replace at the next unlock: the administrator who read it never knows the final one.
 */
export async function resetPassphrase(vaults: VaultService, userId: number): Promise<{ user: User; oneTimePassphrase: string }> {
  const vault = vaults.current();
  if (userId === vault.user.id) {
    throw new AppError('CONFLICT', 'Change your own passphrase in Settings; a reset is for someone else’s.', { reason: 'ownAccount' });
  }
  const target = getUser(vault.db, userId);
  if (target.status === 'disabled') throw new AppError('CONFLICT', 'This account is disabled.', { reason: 'userDisabled' });
  const oneTimePassphrase = newRecoveryCode();
  const { slot } = await createSlot(vault.vaultId, vault.key, oneTimePassphrase, { kind: 'user', userId, userName: target.name });
  const user = vaults.mutate<User>(
    () => ({ action: 'user.passphrase_reset', objectType: 'user', objectId: userId, details: { role: target.role } }),
    ({ db, files }) => {
      db.run(sql`UPDATE app_user SET must_change_passphrase = 1 WHERE id = ${userId}`);
      const keyslots = readKeyslots(files.keyslots);
      writeKeyslots(files.keyslots, {
        ...keyslots,
        slots: [...keyslots.slots.filter((existing) => existing.kind !== 'user' || existing.userId !== userId), slot],
      });
      return getUser(db, userId);
    },
  );
  return { user, oneTimePassphrase };
}

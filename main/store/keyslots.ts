/**
 * keyslots.json: the vault key wrapped once per user (and once for the recovery code) under a key
 * derived from that user's passphrase with Argon2id. The file maps a slot to a user id only; roles
 * live inside the encrypted database. Every field that matters (vault, slot, user, KDF parameters) is
 * bound into the AES-GCM tag as associated data, so editing any of them by hand makes the slot fail
 * to open instead of granting anything.
 */
import { hashRaw } from '@node-rs/argon2';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { AppError } from '../core/errors';

export const KEYSLOT_FORMAT = 'custodia-keyslots/1';

/** The floor Bitwarden and KeePassXC use for Argon2id; anything lower is refused as a downgrade. */
export const MIN_KDF = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 } as const;
export const DEFAULT_KDF = MIN_KDF;
/**
 * The ceiling: settings a real keyslot never has. Without it an edited keyslots.json (memoryKiB
 * 4294967295) makes every command allocate until the OOM killer ends it, and a huge parallelism fails
 * deep inside Argon2. 4 GiB and 20 passes are many times what any device Custodia runs on would choose.
 */
export const MAX_KDF = { memoryKiB: 4 * 1024 * 1024, iterations: 20, parallelism: 16 } as const;

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const Kdf = z.object({
  algorithm: z.literal('argon2id'),
  memoryKiB: z.number().int().positive(),
  iterations: z.number().int().positive(),
  parallelism: z.number().int().positive(),
  salt: Base64,
});
export type Kdf = z.infer<typeof Kdf>;

const Sealed = z.object({ iv: Base64, ciphertext: Base64, tag: Base64 });
export type Sealed = z.infer<typeof Sealed>;

const Slot = z.object({
  id: z.string().min(1),
  kind: z.enum(['user', 'recovery']),
  userId: z.number().int().nullable(),
  /** SHA-256 of the vault id and the folded login name: finds the slot without storing the name. */
  lookup: z.string().nullable(),
  kdf: Kdf,
  wrappedKey: Sealed,
  signingKey: z.object({ publicKey: Base64, wrappedPrivateKey: Sealed }).optional(),
});
export type Slot = z.infer<typeof Slot>;

const KeyslotFile = z.object({
  format: z.string(),
  vaultId: z.string().min(1),
  slots: z.array(Slot),
});
export type KeyslotFile = z.infer<typeof KeyslotFile>;

export function foldUserName(name: string): string {
  return name.normalize('NFC').trim().toLocaleLowerCase('und');
}

export function slotLookup(vaultId: string, userName: string): string {
  return crypto
    .createHash('sha256')
    .update(`custodia-user:${vaultId}:${foldUserName(userName)}`)
    .digest('hex');
}

export function newKdf(): Kdf {
  return { algorithm: 'argon2id', ...DEFAULT_KDF, salt: crypto.randomBytes(16).toString('base64') };
}

export function assertNoDowngrade(kdf: Kdf): void {
  if (kdf.memoryKiB < MIN_KDF.memoryKiB || kdf.iterations < MIN_KDF.iterations) {
    throw new AppError(
      'DOWNGRADE_REFUSED',
      `A keyslot asks for weaker Argon2id settings (${kdf.memoryKiB} KiB, ${kdf.iterations} passes) than the minimum (${MIN_KDF.memoryKiB} KiB, ${MIN_KDF.iterations} passes): refused as a downgrade.`,
      { memoryKiB: kdf.memoryKiB, iterations: kdf.iterations },
    );
  }
}

/** Refuses settings above the ceiling as damage, before a single byte is derived. */
export function assertWithinCeiling(kdf: Kdf): void {
  if (kdf.memoryKiB > MAX_KDF.memoryKiB || kdf.iterations > MAX_KDF.iterations || kdf.parallelism > MAX_KDF.parallelism) {
    throw new AppError(
      'VAULT_DAMAGED',
      `keyslots.json is damaged: a keyslot asks for Argon2id settings (${kdf.memoryKiB} KiB, ${kdf.iterations} passes, ${kdf.parallelism} lanes) above the most Custodia accepts (${MAX_KDF.memoryKiB} KiB, ${MAX_KDF.iterations} passes, ${MAX_KDF.parallelism} lanes).`,
      { reason: 'kdfAboveCeiling' },
    );
  }
}

export async function deriveKek(secret: string, kdf: Kdf): Promise<Buffer> {
  assertWithinCeiling(kdf);
  assertNoDowngrade(kdf);
  return hashRaw(secret.normalize('NFC'), {
    algorithm: 2, // Argon2id
    memoryCost: kdf.memoryKiB,
    timeCost: kdf.iterations,
    parallelism: kdf.parallelism,
    outputLen: 32,
    salt: Buffer.from(kdf.salt, 'base64'),
  });
}

function slotAad(vaultId: string, slot: Pick<Slot, 'id' | 'kind' | 'userId' | 'lookup' | 'kdf'>, purpose: string): Buffer {
  const { id, kind, userId, lookup, kdf } = slot;
  return Buffer.from(JSON.stringify({ purpose, vaultId, id, kind, userId, lookup, kdf }), 'utf8');
}

export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Returns null when the tag does not verify: a wrong passphrase and an edited slot look the same. */
export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  }
}

export interface SlotSpec {
  readonly kind: Slot['kind'];
  readonly userId: number | null;
  readonly userName: string | null;
}

export async function createSlot(vaultId: string, vaultKey: Buffer, secret: string, spec: SlotSpec): Promise<{ slot: Slot; kek: Buffer }> {
  const kdf = newKdf();
  const kek = await deriveKek(secret, kdf);
  const header = {
    id: crypto.randomUUID(),
    kind: spec.kind,
    userId: spec.userId,
    lookup: spec.userName === null ? null : slotLookup(vaultId, spec.userName),
    kdf,
  };
  return { slot: { ...header, wrappedKey: seal(kek, vaultKey, slotAad(vaultId, header, 'vault-key')) }, kek };
}

export function unwrapVaultKey(vaultId: string, slot: Slot, kek: Buffer): Buffer | null {
  return open(kek, slot.wrappedKey, slotAad(vaultId, slot, 'vault-key'));
}

export function sealSigningKey(vaultId: string, slot: Slot, kek: Buffer, privateKeyDer: Buffer, publicKeyDer: Buffer): Slot {
  return {
    ...slot,
    signingKey: {
      publicKey: publicKeyDer.toString('base64'),
      wrappedPrivateKey: seal(kek, privateKeyDer, slotAad(vaultId, slot, `signing-key:${publicKeyDer.toString('base64')}`)),
    },
  };
}

export function openSigningKey(vaultId: string, slot: Slot, kek: Buffer): crypto.KeyObject | null {
  if (!slot.signingKey) return null;
  const der = open(kek, slot.signingKey.wrappedPrivateKey, slotAad(vaultId, slot, `signing-key:${slot.signingKey.publicKey}`));
  return der ? crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) : null;
}

export function readKeyslots(file: string): KeyslotFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('NOT_A_VAULT', 'This folder has no keyslots.json: it is not a Custodia vault.');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('VAULT_DAMAGED', 'keyslots.json is damaged: it is not valid JSON.');
  }
  return parseKeyslotJson(json);
}

/** Validates keyslot content already parsed from JSON (from the file or from a backup header). */
export function parseKeyslotJson(json: unknown): KeyslotFile {
  if (typeof json === 'object' && json !== null && 'format' in json && typeof json.format === 'string' && json.format !== KEYSLOT_FORMAT) {
    if (/^custodia-keyslots\/\d+$/.test(json.format)) {
      throw new AppError('VAULT_TOO_NEW', `keyslots.json is in format ${json.format}, newer than this version of Custodia understands.`, {
        format: json.format,
      });
    }
    throw new AppError('NOT_A_VAULT', 'keyslots.json is not a Custodia keyslot file.');
  }
  const parsed = KeyslotFile.safeParse(json);
  if (!parsed.success) throw new AppError('VAULT_DAMAGED', 'keyslots.json is damaged: its structure is not valid.');
  for (const slot of parsed.data.slots) assertWithinCeiling(slot.kdf);
  return parsed.data;
}

/** Atomic replace: write beside, flush, rename. A crash leaves the old file or the new one, never half. */
export function writeKeyslots(file: string, content: KeyslotFile): void {
  const temp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(content, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
}

/** Recovery codes: 160 random bits in Crockford base32, grouped for reading aloud. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** Accepts the code as people type it: any case, with or without dashes and spaces, O for 0, I/L for 1. */
export function normalizeRecoveryCode(code: string): string {
  const compact = code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return compact.match(/.{1,4}/g)?.join('-') ?? '';
}

/**
 * Checkpoints are what an auditor keeps outside the vault, like the signed tree heads that Certificate
 * Transparency witnesses keep. Signed with the auditor's own Ed25519 key (sealed in their keyslot), a
 * checkpoint cannot be forged by an administrator who holds only the vault key.
 */
import crypto from 'node:crypto';
import type { Checkpoint } from './contract';
import { canonicalJson } from './chain';

export function publicKeyFingerprint(publicKeyDerBase64: string): string {
  const digest = crypto.createHash('sha256').update(Buffer.from(publicKeyDerBase64, 'base64')).digest('hex');
  return `ed25519:${digest.slice(0, 32).match(/.{4}/g)!.join(':')}`;
}

function signedPayload(checkpoint: Checkpoint): Buffer {
  const { signature: _signature, ...unsigned } = checkpoint;
  return Buffer.from(canonicalJson(unsigned), 'utf8');
}

export function signCheckpoint(checkpoint: Checkpoint, privateKey: crypto.KeyObject): Checkpoint {
  const publicKey = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
  const unsigned: Checkpoint = { ...checkpoint, signature: undefined };
  delete unsigned.signature;
  const value = crypto.sign(null, signedPayload(unsigned), privateKey).toString('base64');
  return { ...unsigned, signature: { algorithm: 'ed25519', publicKey, fingerprint: publicKeyFingerprint(publicKey), value } };
}

export function verifyCheckpointSignature(checkpoint: Checkpoint): boolean {
  const signature = checkpoint.signature;
  if (!signature) return false;
  try {
    if (publicKeyFingerprint(signature.publicKey) !== signature.fingerprint) return false;
    const key = crypto.createPublicKey({ key: Buffer.from(signature.publicKey, 'base64'), format: 'der', type: 'spki' });
    return crypto.verify(null, signedPayload(checkpoint), key, Buffer.from(signature.value, 'base64'));
  } catch {
    return false;
  }
}

export function generateSigningKeyPair(): { privateKeyDer: Buffer; publicKeyDer: Buffer } {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  return {
    privateKeyDer: privateKey.export({ type: 'pkcs8', format: 'der' }),
    publicKeyDer: publicKey.export({ type: 'spki', format: 'der' }),
  };
}

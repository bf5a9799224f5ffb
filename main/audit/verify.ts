/**
 * Verification recomputes the whole chain from the vault's genesis hash and names the first entry that
 * does not hold. A chain alone cannot reveal a cut-off tail or a chain rebuilt from scratch by someone
 * with the key, so a checkpoint taken earlier (kept outside the vault) is checked too: today's chain must
 * still carry that head at that position.
 */
import type { Checkpoint, VerifyReport } from '../api/contract';
import { sql, type SqlRunner } from '../store/sql';
import { canonicalEntry, entryHash, genesisHash } from './chain';
import { verifyCheckpointSignature } from './checkpoint';

type RawRow = [seq: number, at: string, actorId: number | null, action: string, objectType: string | null, objectId: string | null, details: string, prevHash: string, hash: string];

export interface VerifyProgress {
  (done: number, total: number): Promise<void> | void;
}

const PAGE = 20_000;

export async function verifyChain(
  db: SqlRunner,
  vaultId: string,
  options: { checkpoint?: Checkpoint; knownSigningKeys?: ReadonlySet<string>; onProgress?: VerifyProgress } = {},
): Promise<VerifyReport> {
  const head = db.get<{ seq: number; n: number }>(sql`SELECT coalesce(max(seq), 0) AS seq, count(*) AS n FROM audit_log`) ?? { seq: 0, n: 0 };
  const page = db.statement('SELECT seq, at, actor_id, action, object_type, object_id, details, prev_hash, hash FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?').raw(true);

  let expectedSeq = 1;
  let running = genesisHash(vaultId);
  let checked = 0;
  let firstBroken: VerifyReport['firstBroken'] = null;
  let hashAtCheckpoint: string | null = null;
  const checkpointSeq = options.checkpoint?.seq ?? -1;

  let after = 0;
  while (!firstBroken && after < head.seq) {
    const rows = page.all(after, head.seq, PAGE) as RawRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const [seq, at, actorId, action, objectType, objectId, details, prevHash, hash] = row;
      if (seq !== expectedSeq) {
        firstBroken = { seq: expectedSeq, reason: 'sequence-gap' };
        break;
      }
      if (prevHash !== running) {
        firstBroken = { seq, reason: 'link-mismatch' };
        break;
      }
      const recomputed = entryHash(running, canonicalEntry({ seq, at, actorId, action, objectType, objectId, details }));
      if (recomputed !== hash) {
        firstBroken = { seq, reason: 'hash-mismatch' };
        break;
      }
      if (seq === checkpointSeq) hashAtCheckpoint = hash;
      running = hash;
      expectedSeq += 1;
      checked += 1;
    }
    after = rows[rows.length - 1]![0];
    await options.onProgress?.(checked, head.n);
  }
  if (!firstBroken && checked !== head.n) firstBroken = { seq: expectedSeq, reason: 'sequence-gap' };

  return {
    intact: firstBroken === null,
    entries: head.n,
    headSeq: head.seq,
    headHash: running,
    firstBroken,
    checkpoint: options.checkpoint ? judgeCheckpoint(vaultId, options.checkpoint, head.seq, hashAtCheckpoint, firstBroken, options.knownSigningKeys) : null,
  };
}

function judgeCheckpoint(
  vaultId: string,
  checkpoint: Checkpoint,
  headSeq: number,
  hashAtCheckpoint: string | null,
  firstBroken: VerifyReport['firstBroken'],
  knownKeys: ReadonlySet<string> = new Set(),
): NonNullable<VerifyReport['checkpoint']> {
  const signed = checkpoint.signature !== undefined;
  const base = {
    seq: checkpoint.seq,
    signed,
    signer: checkpoint.signature?.fingerprint ?? null,
    signerKnown: checkpoint.signature ? knownKeys.has(checkpoint.signature.fingerprint) : false,
  };
  if (checkpoint.vaultId !== vaultId) return { ...base, status: 'other-vault' };
  if (signed && !verifyCheckpointSignature(checkpoint)) return { ...base, status: 'bad-signature' };
  if (checkpoint.seq > headSeq) return { ...base, status: 'truncated' };
  // A break before the checkpoint's position means we never reached it with a trustworthy hash.
  if (firstBroken && firstBroken.seq <= checkpoint.seq) return { ...base, status: 'head-mismatch' };
  if (hashAtCheckpoint !== checkpoint.headHash) return { ...base, status: 'head-mismatch' };
  return { ...base, status: 'extends' };
}

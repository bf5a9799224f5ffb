/**
 * Verification recomputes the whole chain from the vault's genesis hash and names the first entry that
 * does not hold. A chain alone cannot reveal a cut-off tail or a chain rebuilt from scratch by someone
 * with the key, so a checkpoint taken earlier (kept outside the vault) is checked too: today's chain must
 * still carry that head at that position.
 */
import type { Checkpoint, VerifyReport } from '../api/contract';
import { sql, type SqlRunner } from '../store/sql';
import { CANONICAL_ENTRY_SQL, canonicalEntry, entryHash, genesisHash } from './chain';
import { verifyCheckpointSignature } from './checkpoint';

type FastRow = [seq: number, canonical: string, prevHash: string, hash: string];
type FullRow = { seq: number; at: string; actor_id: number | null; action: string; object_type: string | null; object_id: string | null; details: string };

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
  const page = db.statement(`SELECT seq, ${CANONICAL_ENTRY_SQL}, prev_hash, hash FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`).raw(true);
  const full = db.statement('SELECT seq, at, actor_id, action, object_type, object_id, details FROM audit_log WHERE seq = ?');
  /** The JavaScript definition decides whenever the SQL shortcut disagrees. */
  const recheck = (seq: number, prevHash: string, hash: string): boolean => {
    const row = full.get(seq) as FullRow;
    const canonical = canonicalEntry({ seq, at: row.at, actorId: row.actor_id, action: row.action, objectType: row.object_type, objectId: row.object_id, details: row.details });
    return entryHash(prevHash, canonical) === hash;
  };

  let expectedSeq = 1;
  let running = genesisHash(vaultId);
  let checked = 0;
  let firstBroken: VerifyReport['firstBroken'] = null;
  let hashAtCheckpoint: string | null = null;
  const checkpointSeq = options.checkpoint?.seq ?? -1;

  let after = 0;
  while (!firstBroken && after < head.seq) {
    const rows = page.all(after, head.seq, PAGE) as FastRow[];
    if (rows.length === 0) break;
    for (const [seq, canonical, prevHash, hash] of rows) {
      if (seq !== expectedSeq) {
        firstBroken = { seq: expectedSeq, reason: 'sequence-gap' };
        break;
      }
      if (prevHash !== running) {
        firstBroken = { seq, reason: 'link-mismatch' };
        break;
      }
      if (entryHash(running, canonical) !== hash && !recheck(seq, running, hash)) {
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

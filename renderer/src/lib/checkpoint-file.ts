/**
 * Reads a checkpoint file chosen by the auditor. It is parsed here with the contract's own schema, so
 * a wrong file is reported before anything is sent, and the backend still validates it again.
 */
import { Checkpoint } from '../../../main/api/contract';

export type CheckpointFileResult =
  { readonly ok: true; readonly checkpoint: Checkpoint } | { readonly ok: false; readonly reason: 'not-json' | 'not-a-checkpoint' };

export function parseCheckpointFile(text: string): CheckpointFileResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not-json' };
  }
  const parsed = Checkpoint.safeParse(data);
  return parsed.success ? { ok: true, checkpoint: parsed.data } : { ok: false, reason: 'not-a-checkpoint' };
}

import { describe, expect, it } from 'vitest';
import { parseCheckpointFile } from './checkpoint-file';

const valid = {
  format: 'custodia-checkpoint/1',
  vaultId: 'v',
  seq: 3,
  headHash: 'a'.repeat(64),
  entryCount: 3,
  takenAt: '2026-01-01T00:00:00.000Z',
  takenBy: { id: 1, name: 'Ana', role: 'auditor' },
};

describe('parseCheckpointFile', () => {
  it('accepts a checkpoint written by an export', () => {
    const result = parseCheckpointFile(JSON.stringify(valid));
    expect(result.ok && result.checkpoint.seq).toBe(3);
  });

  it('tells broken JSON from other JSON', () => {
    expect(parseCheckpointFile('{')).toEqual({ ok: false, reason: 'not-json' });
    expect(parseCheckpointFile(JSON.stringify({ ...valid, format: 'other' }))).toEqual({ ok: false, reason: 'not-a-checkpoint' });
  });
});

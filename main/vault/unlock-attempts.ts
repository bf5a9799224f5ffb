/**
 * Failed unlocks happen while the database is closed, so they are noted in a small file beside it and
 * written into the audit trail at the next successful unlock. The same file carries the growing delay
 * after five failures in a row, so restarting the app does not reset it.
 */
import fs from 'node:fs';
import { z } from 'zod';

const AttemptsFile = z.object({
  consecutive: z.number().int().nonnegative(),
  lastFailureAt: z.string().nullable(),
  pending: z.array(z.object({ at: z.string(), userId: z.number().int().nullable(), via: z.enum(['passphrase', 'recovery-code']) })).max(1000),
});
type AttemptsFile = z.infer<typeof AttemptsFile>;
export type PendingFailure = AttemptsFile['pending'][number];

export const FREE_ATTEMPTS = 5;
const MAX_DELAY_SECONDS = 300;

export function delaySeconds(consecutive: number): number {
  if (consecutive < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_SECONDS, 2 ** (consecutive - FREE_ATTEMPTS + 1));
}

export class UnlockAttempts {
  constructor(
    private readonly file: string,
    private readonly now: () => Date,
  ) {}

  private read(): AttemptsFile {
    try {
      const parsed = AttemptsFile.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch {
      // missing or unreadable: start clean
    }
    return { consecutive: 0, lastFailureAt: null, pending: [] };
  }

  /** Seconds to wait before another attempt is allowed, or 0. */
  retryAfterSeconds(): number {
    const state = this.read();
    const delay = delaySeconds(state.consecutive);
    if (delay === 0 || !state.lastFailureAt) return 0;
    const waitUntil = Date.parse(state.lastFailureAt) + delay * 1000;
    return Math.max(0, Math.ceil((waitUntil - this.now().getTime()) / 1000));
  }

  recordFailure(userId: number | null, via: PendingFailure['via']): void {
    const state = this.read();
    const at = this.now().toISOString();
    const pending = [...state.pending, { at, userId, via }].slice(-1000);
    fs.writeFileSync(this.file, JSON.stringify({ consecutive: state.consecutive + 1, lastFailureAt: at, pending }), { mode: 0o600 });
  }

  pending(): PendingFailure[] {
    return this.read().pending;
  }

  reset(): void {
    fs.rmSync(this.file, { force: true });
  }
}

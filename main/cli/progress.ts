/**
 * A one-line progress bar for jobs, redrawn in place with `\r`. Only for a person watching a terminal:
 * piped output and --json get nothing, so logs and parsers never see half-drawn lines.
 */
import type { OutStream } from './output';

export interface ProgressUpdate {
  readonly step: string;
  readonly done: number;
  readonly total: number | null;
}

export interface Progress {
  update(progress: ProgressUpdate): void;
  /** Clears the bar so the result starts on a clean line. */
  finish(): void;
}

const BAR_WIDTH = 24;
/** Redrawing faster than the eye can follow only costs terminal bandwidth on long jobs. */
const MIN_REDRAW_MS = 80;

const silent: Progress = { update: () => undefined, finish: () => undefined };

export function createProgress(stream: OutStream, enabled: boolean, now: () => number = Date.now): Progress {
  if (!enabled || stream.isTTY !== true) return silent;
  let drawnWidth = 0;
  let lastDraw = 0;
  const draw = (line: string): void => {
    const width = Math.min(line.length, (stream.columns ?? 80) - 1);
    const fitted = line.slice(0, width);
    // Pad over the previous line's tail instead of using escape codes, which not every console honours.
    stream.write(`\r${fitted.padEnd(drawnWidth)}`);
    drawnWidth = width;
  };
  return {
    update({ step, done, total }) {
      const complete = total !== null && done >= total;
      if (!complete && now() - lastDraw < MIN_REDRAW_MS) return;
      lastDraw = now();
      draw(formatProgress(step, done, total));
    },
    finish() {
      if (drawnWidth === 0) return;
      stream.write(`\r${' '.repeat(drawnWidth)}\r`);
      drawnWidth = 0;
    },
  };
}

export function formatProgress(step: string, done: number, total: number | null): string {
  if (total === null || total <= 0) return `${step} ${done}`;
  const ratio = Math.min(1, Math.max(0, done / total));
  const filled = Math.round(ratio * BAR_WIDTH);
  return `${step} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${Math.floor(ratio * 100)}% ${done}/${total}`;
}

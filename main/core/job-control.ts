/** What a long-running handler gets to report progress and notice Cancel; transports never appear here. */
export interface JobControl {
  readonly signal: AbortSignal;
  progress(step: string, done: number, total: number | null): void;
  /** Throws CANCELLED when the job was cancelled: call between batches. */
  checkpoint(): void;
}

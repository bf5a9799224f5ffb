/** Events pushed from the backend to every window: the one map all capabilities and transports share. */
export type BackendEvent =
  | { readonly type: 'job.progress'; readonly jobId: string; readonly step: string; readonly done: number; readonly total: number | null }
  | {
      readonly type: 'job.finished';
      readonly jobId: string;
      readonly status: 'completed' | 'failed' | 'cancelled';
      readonly value?: unknown;
      readonly error?: { code: string; message: string; params?: Record<string, string | number> };
    }
  | { readonly type: 'vault.locked'; readonly reason: 'idle' | 'user' }
  | { readonly type: 'vault.damaged' };

import type { BackendEvent, MethodName, MethodReply } from '../api/contract';
import type { Result } from '../core/errors';

/** The backend as every transport sees it: in this thread (Backend) or in a worker (WorkerBackend). */
export interface BackendClient {
  call<M extends MethodName>(method: M, input?: unknown): Promise<Result<MethodReply<M>>>;
  onEvent(listener: (event: BackendEvent) => void): () => void;
  close(): Promise<void>;
}

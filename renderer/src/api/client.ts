/**
 * The one API client. It picks the transport once — Electron's preload bridge when present, otherwise
 * browser mode over the loopback HTTP bridge — and the rest of the UI never knows which.
 */
import type { BackendEvent, JobMethodName, MethodInput, MethodName, MethodOutput, MethodReply } from '../../../main/api/contract';
import { electronTransport } from './electron-transport';
import type { StagedFile } from './file-source';
import { httpTransport } from './http-transport';
import { runJobOver, type JobProgress } from './job-runner';
import { takeLaunchToken } from './session-token';
import { failure, type ClientResult, type Transport } from './transport';

export type { ClientError, ClientErrorCode, ClientResult } from './transport';
export type { JobProgress } from './job-runner';
export type { StagedFile } from './file-source';

/** Why the UI must return to the unlock screen: a pushed lock event, or a call that answered LOCKED. */
export type LockCause = 'idle' | 'user' | 'stale-session';

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<ClientResult<MethodReply<M>>>;
  /** `signal` cancels the job, even before its id is known (see job-runner.ts). */
  runJob<M extends JobMethodName>(
    method: M,
    input: MethodInput<M>,
    onProgress?: (progress: JobProgress) => void,
    signal?: AbortSignal,
  ): Promise<ClientResult<MethodOutput<M>>>;
  /** A chosen or dropped file, made readable by the backend for `import.preview` and `import.file`. */
  stageFile(file: File): Promise<ClientResult<StagedFile>>;
  /** A staged file no import will read: a browser-mode copy goes at once (see file-source.ts). */
  discardFile(staged: StagedFile): Promise<void>;
  onEvent(listener: (event: BackendEvent) => void): () => void;
  onLocked(listener: (cause: LockCause) => void): () => void;
}

export function createClient(transport: Transport): ApiClient {
  const lockListeners = new Set<(cause: LockCause) => void>();
  const notifyLocked = (cause: LockCause): void => {
    for (const listener of [...lockListeners]) listener(cause);
  };

  transport.onEvent((event) => {
    if (event.type === 'vault.locked') notifyLocked(event.reason);
  });

  async function rawCall(method: MethodName, input: unknown): Promise<ClientResult<unknown>> {
    const result = await transport.call(method, input);
    if (!result.ok && result.error.code === 'LOCKED') notifyLocked('stale-session');
    return result;
  }

  return {
    call: <M extends MethodName>(method: M, input: MethodInput<M>) => rawCall(method, input) as Promise<ClientResult<MethodReply<M>>>,
    runJob: <M extends JobMethodName>(method: M, input: MethodInput<M>, onProgress?: (progress: JobProgress) => void, signal?: AbortSignal) =>
      runJobOver(transport, rawCall, method, input, onProgress, signal) as Promise<ClientResult<MethodOutput<M>>>,
    async stageFile(file) {
      const result = await transport.stageFile(file);
      if (!result.ok && result.error.code === 'LOCKED') notifyLocked('stale-session');
      return result;
    },
    discardFile: (staged) => transport.discardFile(staged),
    onEvent: (listener) => transport.onEvent(listener),
    onLocked(listener) {
      lockListeners.add(listener);
      return () => lockListeners.delete(listener);
    },
  };
}

/** Browser mode opened without a launch token: every call says so, and the UI explains what to do. */
function tokenlessTransport(): Transport {
  return {
    call: () => Promise.resolve(failure('UNAUTHORIZED', 'This page was opened without its launch token.')),
    onEvent: () => () => undefined,
    eventsReady: () => new Promise<void>(() => undefined),
    onReconnect: () => () => undefined,
    stageFile: () => Promise.resolve(failure('UNAUTHORIZED', 'This page was opened without its launch token.')),
    discardFile: () => Promise.resolve(),
  };
}

function pickTransport(): Transport {
  if (window.custodia) return electronTransport(window.custodia);
  const token = takeLaunchToken();
  return token ? httpTransport(token) : tokenlessTransport();
}

export const api: ApiClient = createClient(pickTransport());

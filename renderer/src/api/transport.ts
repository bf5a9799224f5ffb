/**
 * What a transport must provide. The UI only ever sees the client built on top of it, so Electron IPC
 * and the loopback HTTP bridge stay interchangeable.
 */
import type { BackendEvent, MethodName } from '../../../main/api/contract';
import type { ErrorCode, ErrorParams } from '../../../main/api/errors';
import type { StagedFile } from './file-source';

/**
 * The backend's closed set of codes plus two the client produces itself: the backend cannot be reached
 * (browser mode, server stopped) or it refused our token (page opened without a valid launch link).
 */
export type ClientErrorCode = ErrorCode | 'OFFLINE' | 'UNAUTHORIZED';

export interface ClientError {
  readonly code: ClientErrorCode;
  readonly message: string;
  readonly params?: ErrorParams;
}

export type ClientResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ClientError };

export type EventListener = (event: BackendEvent) => void;

export interface Transport {
  call(method: MethodName, input: unknown): Promise<ClientResult<unknown>>;
  onEvent(listener: EventListener): () => void;
  /**
   * Resolves once pushed events are being received. A job started before that could finish unseen, so
   * the job runner waits for it.
   */
  eventsReady(): Promise<void>;
  /** Called after the event stream came back from a drop: events may have been missed meanwhile. */
  onReconnect(listener: () => void): () => void;
  /** Makes a chosen or dropped file readable by the backend (see file-source.ts). */
  stageFile(file: File): Promise<ClientResult<StagedFile>>;
  /** Lets go of a staged file the page no longer needs: a copy is removed now, an original is left alone. */
  discardFile(staged: StagedFile): Promise<void>;
}

export function failure(code: ClientErrorCode, message: string): { readonly ok: false; readonly error: ClientError } {
  return { ok: false, error: { code, message } };
}

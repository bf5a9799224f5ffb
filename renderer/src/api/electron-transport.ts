/** Electron: the preload script exposes the backend as `window.custodia`; IPC delivers every event. */
import type { BackendEvent } from '../../../main/api/contract';
import type { Result } from '../../../main/api/errors';
import { fileFromPath } from './file-source';
import { failure, type Transport } from './transport';

export interface PreloadBridge {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: BackendEvent) => void): () => void;
  /** The path of a dropped or chosen file (Electron's webUtils.getPathForFile). */
  pathForFile?(file: File): string;
}

declare global {
  interface Window {
    readonly custodia?: PreloadBridge;
  }
}

export function electronTransport(bridge: PreloadBridge): Transport {
  return {
    call: (method, input) => bridge.call(method, input),
    onEvent: (listener) => bridge.onEvent(listener),
    // IPC is connected as soon as the preload ran, and it never drops.
    eventsReady: () => Promise.resolve(),
    onReconnect: () => () => undefined,
    // The path is the person's own file, not a copy: nothing to remove.
    discardFile: () => Promise.resolve(),
    stageFile: (file) =>
      Promise.resolve(
        bridge.pathForFile ? fileFromPath((chosen) => bridge.pathForFile!(chosen), file) : failure('INTERNAL', 'This window cannot read file paths.'),
      ),
  };
}

/**
 * Sandboxed preload: exposes the contract's methods to the page and nothing else. Raw `ipcRenderer`
 * never crosses the bridge, so the page cannot pick channels or see IPC event objects.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { BackendEvent } from '../main/api/contract';
import type { Result } from '../main/api/errors';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../main/api/method-names';
import { createCustodiaApi } from './api';

const api = createCustodiaApi({
  invoke: (method, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input) as Promise<Result<unknown>>,
  subscribe: (listener) => {
    const relay = (_event: IpcRendererEvent, backendEvent: BackendEvent): void => listener(backendEvent);
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
    };
  },
});

// A dropped or chosen file's path, so imports read it where it is (the browser mode uploads instead).
contextBridge.exposeInMainWorld('custodia', { ...api, pathForFile: (file: File): string => webUtils.getPathForFile(file) });

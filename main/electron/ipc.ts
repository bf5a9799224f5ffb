/**
 * The IPC side of the contract: one invoke channel for calls, one push channel for events. The backend
 * checks input and roles; this layer checks *who* is asking, as VS Code does for every IPC message.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { MethodName } from '../api/contract';
import { isMethodName } from '../api/dispatch';
import type { Result } from '../core/errors';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../api/method-names';
import type { BackendClient } from '../backend/backend';
import { isAppUrl } from './app-origin';

export interface IpcOptions {
  readonly backend: BackendClient;
  readonly window: () => BrowserWindow | null;
  /** Runs after a call succeeded, before its reply is sent (the menu follows language changes). */
  readonly afterCall?: (method: MethodName) => Promise<void> | void;
}

/**
 * Only the top frame of our window, showing our own origin, may call. A frame injected into the page,
 * a page the window was somehow navigated to, or any other web contents is refused.
 */
function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  if (!frame || !window || window.isDestroyed()) return false;
  const main = window.webContents.mainFrame;
  return (
    event.sender === window.webContents &&
    frame.parent === null &&
    frame.processId === main.processId &&
    frame.frameToken === main.frameToken &&
    isAppUrl(frame.url)
  );
}

export function registerIpc(options: IpcOptions): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<Result<unknown>> => {
    // Throwing (rather than answering an error result) rejects the caller's promise: an untrusted
    // frame gets nothing shaped like a reply.
    if (!isTrustedSender(event, options.window())) throw new Error('IPC call refused: unexpected sender.');
    if (!isMethodName(method)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Unknown method.' } };
    const result = await options.backend.call(method, input ?? {});
    if (result.ok) await options.afterCall?.(method);
    return result;
  });

  const unsubscribe = options.backend.onEvent((backendEvent) => {
    const window = options.window();
    if (!window || window.isDestroyed() || !isAppUrl(window.webContents.getURL())) return;
    window.webContents.send(IPC_EVENT_CHANNEL, backendEvent);
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
  };
}

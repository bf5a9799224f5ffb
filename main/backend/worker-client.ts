/**
 * The main-thread side of the backend worker. Built, the worker is `worker.js` beside this bundle;
 * from source (tests, dev), it is `worker.ts` run through tsx.
 */
import type { Worker } from 'node:worker_threads';
import type { BackendEvent, MethodName, MethodReply } from '../api/contract';
import type { Result } from '../core/errors';
import type { BackendClient } from './backend';
import { startWorker } from '../platform/worker-entry';

export class WorkerBackend implements BackendClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (result: Result<unknown>) => void>();
  private readonly listeners = new Set<(event: BackendEvent) => void>();
  private nextId = 1;
  private closing: Promise<void> | null = null;
  private gone: string | null = null;

  constructor(vaultDir: string) {
    this.worker = startWorker({ built: 'worker.js', source: 'backend/worker.ts' }, { vaultDir });
    this.worker.on('message', (message: { id?: number; result?: Result<unknown>; event?: BackendEvent }) => {
      if (message.event) for (const listener of this.listeners) listener(message.event);
      if (message.id !== undefined && message.result) {
        this.pending.get(message.id)?.(message.result);
        this.pending.delete(message.id);
      }
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', () => this.failAll(new Error('The backend stopped.')));
  }

  call<M extends MethodName>(method: M, input: unknown = {}): Promise<Result<MethodReply<M>>> {
    if (this.gone) return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: this.gone } });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (result: Result<unknown>) => void);
      this.worker.postMessage({ id, method, input });
    });
  }

  onEvent(listener: (event: BackendEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => void this.worker.terminate().then(() => resolve()), 5000);
      this.worker.on('message', (message: { closed?: true }) => {
        if (message.closed) {
          clearTimeout(timer);
          void this.worker.terminate().then(() => resolve());
        }
      });
      this.worker.postMessage({ close: true });
    });
    return this.closing;
  }

  private failAll(error: Error): void {
    // A dead worker answers every later call at once instead of leaving it waiting forever.
    this.gone ??= error.message;
    for (const resolve of this.pending.values()) resolve({ ok: false, error: { code: 'INTERNAL', message: error.message } });
    this.pending.clear();
  }
}

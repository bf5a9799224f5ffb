/**
 * Worker-thread entry: owns the database connection so that long work never freezes the window or the
 * bridge. Messages: {id, method, input} in, {id, result} or {event} out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Backend } from './backend';

interface WorkerInit {
  readonly vaultDir: string;
}

if (!parentPort) throw new Error('worker.ts must run in a worker thread');
const port = parentPort;
const backend = new Backend({ vaultDir: (workerData as WorkerInit).vaultDir });
backend.onEvent((event) => port.postMessage({ event }));

port.on('message', (message: { id: number; method: string; input: unknown } | { close: true }) => {
  if ('close' in message) {
    void backend.close().finally(() => port.postMessage({ closed: true }));
    return;
  }
  void backend.call(message.method as never, message.input).then((result) => port.postMessage({ id: message.id, result }));
});

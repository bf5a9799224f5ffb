import { describe, expect, it } from 'vitest';
import type { BackendEvent, MethodName } from '../../../main/api/contract';
import { runJobOver, type JobProgress } from './job-runner';
import type { ClientResult, Transport } from './transport';

function fakeTransport(): Transport & { emit(event: BackendEvent): void; reconnect(): void } {
  const listeners = new Set<(event: BackendEvent) => void>();
  const reconnectListeners = new Set<() => void>();
  return {
    call: () => Promise.reject(new Error('unused')),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    eventsReady: () => Promise.resolve(),
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    stageFile: () => Promise.reject(new Error('unused')),
    discardFile: () => Promise.reject(new Error('unused')),
    emit: (event) => listeners.forEach((listener) => listener(event)),
    reconnect: () => reconnectListeners.forEach((listener) => listener()),
  };
}

describe('runJobOver', () => {
  it('replays progress and the finish that arrived before the job id', async () => {
    const transport = fakeTransport();
    const call = async (method: MethodName): Promise<ClientResult<unknown>> => {
      if (method !== 'audit.verify') throw new Error(method);
      // The worker is faster than the reply: everything happens before the id comes back.
      transport.emit({ type: 'job.progress', jobId: 'other', step: 'verify', done: 9, total: 9 });
      transport.emit({ type: 'job.progress', jobId: 'j1', step: 'verify', done: 3, total: 3 });
      transport.emit({ type: 'job.finished', jobId: 'j1', status: 'completed', value: { intact: true } });
      return { ok: true, value: { jobId: 'j1' } };
    };
    const progress: JobProgress[] = [];
    const result = await runJobOver(transport, call, 'audit.verify', {}, (step) => progress.push(step));
    expect(result).toEqual({ ok: true, value: { intact: true } });
    expect(progress.map((step) => [step.jobId, step.done])).toEqual([
      ['j1', 0],
      ['j1', 3],
    ]);
  });

  it('turns a cancelled or failed finish into an error result', async () => {
    const transport = fakeTransport();
    const call = async (): Promise<ClientResult<unknown>> => {
      setTimeout(() => transport.emit({ type: 'job.finished', jobId: 'j2', status: 'failed', error: { code: 'IO_ERROR', message: 'disk full' } }), 0);
      return { ok: true, value: { jobId: 'j2' } };
    };
    expect(await runJobOver(transport, call, 'vault.backup', { outFile: '/x' })).toEqual({ ok: false, error: { code: 'IO_ERROR', message: 'disk full' } });
  });

  it('asks where the job stands after the event stream reconnects', async () => {
    const transport = fakeTransport();
    const call = async (method: MethodName): Promise<ClientResult<unknown>> => {
      if (method === 'jobs.get') return { ok: true, value: { status: 'cancelled' } };
      setTimeout(() => transport.reconnect(), 0);
      return { ok: true, value: { jobId: 'j3' } };
    };
    const result = await runJobOver(transport, call, 'audit.export', { outDir: '/x' });
    expect(result.ok ? null : result.error.code).toBe('CANCELLED');
  });

  it('sends a cancel made before the job id came back as soon as the id is known', async () => {
    const transport = fakeTransport();
    const cancelling = new AbortController();
    const calls: Array<[MethodName, unknown]> = [];
    const call = async (method: MethodName, input: unknown): Promise<ClientResult<unknown>> => {
      calls.push([method, input]);
      if (method === 'jobs.cancel') {
        setTimeout(() => transport.emit({ type: 'job.finished', jobId: 'j4', status: 'cancelled', error: { code: 'CANCELLED', message: 'Cancelled.' } }), 0);
        return { ok: true, value: { jobId: 'j4', status: 'running' } };
      }
      // The user presses Cancel while the start is on its way: no id, no progress yet.
      cancelling.abort();
      return { ok: true, value: { jobId: 'j4' } };
    };
    const result = await runJobOver(transport, call, 'import.file', { file: '/big.csv', source: 'S' }, undefined, cancelling.signal);
    expect(result.ok ? null : result.error.code).toBe('CANCELLED');
    expect(calls.map(([method]) => method)).toEqual(['import.file', 'jobs.cancel']);
    expect(calls[1]![1]).toEqual({ jobId: 'j4' });
  });

  it('sends a cancel made while the job runs before its first progress event', async () => {
    const transport = fakeTransport();
    const cancelling = new AbortController();
    const calls: MethodName[] = [];
    const call = async (method: MethodName): Promise<ClientResult<unknown>> => {
      calls.push(method);
      if (method === 'jobs.cancel') transport.emit({ type: 'job.finished', jobId: 'j5', status: 'cancelled' });
      return { ok: true, value: { jobId: 'j5' } };
    };
    const progress: JobProgress[] = [];
    const running = runJobOver(transport, call, 'connectors.sync', { name: 'Slow' }, (step) => progress.push(step), cancelling.signal);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(progress.map((step) => step.step)).toEqual(['starting']);
    cancelling.abort();
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(calls).toEqual(['connectors.sync', 'jobs.cancel']);
  });

  it('does not start a job cancelled before it was asked for', async () => {
    const transport = fakeTransport();
    let ready: () => void = () => undefined;
    transport.eventsReady = () => new Promise<void>((resolve) => (ready = resolve));
    const cancelling = new AbortController();
    const calls: MethodName[] = [];
    const call = async (method: MethodName): Promise<ClientResult<unknown>> => {
      calls.push(method);
      return { ok: true, value: { jobId: 'j6' } };
    };
    // The event stream is still connecting when the user cancels.
    const running = runJobOver(transport, call, 'vault.backup', { outFile: '/x' }, undefined, cancelling.signal);
    cancelling.abort();
    ready();
    expect(await running).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(calls).toEqual([]);
  });

  it('passes a refused start through unchanged', async () => {
    const transport = fakeTransport();
    const refused: ClientResult<unknown> = { ok: false, error: { code: 'FORBIDDEN', message: 'no' } };
    expect(await runJobOver(transport, async () => refused, 'audit.verify', {})).toBe(refused);
  });
});

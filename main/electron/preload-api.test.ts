// The preload's API lives in preload/, which vitest does not scan; its logic is Electron-free, so it is tested here.
import { describe, expect, it, vi } from 'vitest';
import type { BackendEvent, MethodName } from '../api/contract';
import { contract } from '../api/contract';
import type { Result } from '../core/errors';
import { METHOD_NAMES } from '../api/method-names';
import { createCustodiaApi, type PreloadTransport } from '../../preload/api';

function fakeTransport() {
  const listeners = new Set<(event: BackendEvent) => void>();
  const invoke = vi.fn((_method: MethodName, _input: unknown): Promise<Result<unknown>> => Promise.resolve({ ok: true, value: {} }));
  const transport: PreloadTransport = {
    invoke,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = (event: BackendEvent): void => listeners.forEach((listener) => listener(event));
  return { transport, invoke, emit, listeners };
}

describe('preload API', () => {
  it('exposes one function per contract method, plus call and onEvent, and nothing else', () => {
    const api = createCustodiaApi(fakeTransport().transport);
    const expected = [...Object.keys(contract), 'call', 'onEvent'].sort();
    expect(Object.keys(api).sort()).toEqual(expected);
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
    for (const name of Object.keys(api)) expect(typeof (api as unknown as Record<string, unknown>)[name]).toBe('function');
  });

  it('forwards each method under its own name, with {} for a missing input', async () => {
    const { transport, invoke } = fakeTransport();
    const api = createCustodiaApi(transport);
    await api['vault.status']();
    await api['users.disable']({ userId: 3 });
    expect(invoke.mock.calls).toEqual([
      ['vault.status', {}],
      ['users.disable', { userId: 3 }],
    ]);
  });

  it('call() answers unknown methods itself and forwards known ones', async () => {
    const { transport, invoke } = fakeTransport();
    const api = createCustodiaApi(transport);
    const refused = await api.call('vault.delete', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await api.call('__proto__')).toMatchObject({ ok: false });
    expect(invoke).not.toHaveBeenCalled();
    await api.call('jobs.get', { jobId: 'j1' });
    expect(invoke).toHaveBeenCalledWith('jobs.get', { jobId: 'j1' });
  });

  it('onEvent delivers backend events only and can be undone', () => {
    const { transport, emit, listeners } = fakeTransport();
    const api = createCustodiaApi(transport);
    const seen: unknown[][] = [];
    const off = api.onEvent((...args: unknown[]) => seen.push(args));
    emit({ type: 'vault.locked', reason: 'idle' });
    off();
    emit({ type: 'vault.locked', reason: 'user' });
    expect(seen).toEqual([[{ type: 'vault.locked', reason: 'idle' }]]);
    expect(listeners.size).toBe(0);
    expect(() => api.onEvent('nope' as never)).toThrow(TypeError);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(createCustodiaApi(fakeTransport().transport))).toBe(true);
  });
});

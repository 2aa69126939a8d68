import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../../src/core/errors';
import { bridge } from '../../../workers/bridge';

interface SlowApi {
  /** Answers after `ms`. */
  echo(text: string, ms: number): Promise<string>;
  fail(): Promise<void>;
  count(): Promise<number>;
}

/**
 * A stand-in for a Worker: the worker's side of Comlink on one end of a MessageChannel,
 * with terminate() and an 'error' event as a crashed worker sends.
 */
function fakeWorker() {
  const { port1, port2 } = new MessageChannel();
  let calls = 0;
  const api: SlowApi = {
    echo: (text, ms) => new Promise((resolve) => setTimeout(() => resolve(text), ms)),
    fail: async () => {
      throw new ModelError('no session', 'Load a model first.');
    },
    count: async () => calls,
  };
  Comlink.expose(new Proxy(api, { get: (target, key) => (calls++, target[key as keyof SlowApi]) }), port1);
  const events = new EventTarget();
  const state = { terminated: 0 };
  const worker = {
    postMessage: port2.postMessage.bind(port2),
    addEventListener: (type: string, listener: EventListener) => (type === 'message' ? port2.addEventListener(type, listener) : events.addEventListener(type, listener)),
    removeEventListener: (type: string, listener: EventListener) => (type === 'message' ? port2.removeEventListener(type, listener) : events.removeEventListener(type, listener)),
    start: () => port2.start(),
    terminate: () => {
      state.terminated++;
      port1.close();
      port2.close();
    },
    crash: () => events.dispatchEvent(Object.assign(new Event('error'), { message: 'out of memory' })),
  };
  return { worker, state };
}

const METHODS = { echo: true, fail: true, count: true } as const;
const open = (options?: { keepOnAbort?: boolean }) => {
  const { worker, state } = fakeWorker();
  return { api: bridge<SlowApi>(() => worker as unknown as Worker, METHODS, options), worker, state };
};
const never = () => new AbortController().signal;

describe('bridge: a worker called with an AbortSignal first', () => {
  it('answers a call, and a method without arguments needs no signal', async () => {
    const { api, worker } = open();
    expect(await api.echo(never(), 'hi', 1)).toBe('hi');
    expect(await api.count()).toBeGreaterThan(0);
    worker.terminate();
  });

  it('keeps the class and hint of an error the worker throws', async () => {
    const { api, worker } = open();
    const error = await api.fail(never()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ hint: 'Load a model first.' });
    worker.terminate();
  });

  it('an abort rejects the call at once and terminates the worker; later calls reject too', async () => {
    const { api, state } = open();
    const controller = new AbortController();
    const slow = api.echo(controller.signal, 'late', 10_000);
    controller.abort();
    await expect(slow).rejects.toThrow('aborted');
    expect(state.terminated).toBe(1);
    await expect(api.echo(never(), 'again', 1)).rejects.toThrow('worker terminated');
  });

  it('with keepOnAbort (the inference worker) an abort rejects the call and the worker serves the next', async () => {
    const { api, state, worker } = open({ keepOnAbort: true });
    const controller = new AbortController();
    const slow = api.echo(controller.signal, 'late', 50);
    controller.abort();
    await expect(slow).rejects.toThrow('aborted');
    expect(state.terminated).toBe(0);
    expect(await api.echo(never(), 'next', 1)).toBe('next');
    worker.terminate();
  });

  it('an already aborted signal never reaches the worker', async () => {
    const { api, worker } = open({ keepOnAbort: true });
    const before = await api.count();
    await expect(api.echo(AbortSignal.abort(), 'x', 1)).rejects.toThrow('aborted');
    expect(await api.count()).toBe(before + 1); // the second count() only
    worker.terminate();
  });

  it('a crashed worker rejects the calls in flight, which would otherwise never settle', async () => {
    const { api, worker } = open();
    const pending = api.echo(never(), 'lost', 10_000);
    worker.crash();
    await expect(pending).rejects.toThrow('worker crashed: out of memory');
    worker.terminate();
  });

  it('terminate() rejects the calls in flight', async () => {
    const { api } = open();
    const pending = api.echo(never(), 'lost', 10_000);
    api.terminate();
    await expect(pending).rejects.toThrow('worker terminated');
  });
});

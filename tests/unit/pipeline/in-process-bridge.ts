import type { Bridge } from '../../../src/core/pipeline/worker-apis';

/**
 * A worker's API run in the test's own thread, as the pipeline's bridges are called: each call
 * drops its signal (there is no worker to stop) and terminate does nothing.
 */
export function inProcess<Api extends object>(api: Api): Bridge<Api> {
  const calls: Record<string, unknown> = { terminate: () => {} };
  for (const [name, method] of Object.entries(api)) calls[name] = (_signal: AbortSignal | undefined, ...args: unknown[]) => (method as (...a: unknown[]) => unknown)(...args);
  return calls as Bridge<Api>;
}

export interface Throttled<A extends unknown[]> {
  (...args: A): void;
  /** Runs the pending trailing call now, if there is one (e.g. when the run ends). */
  flush(): void;
  /** Drops the pending call; a later call runs at once. */
  cancel(): void;
}

/**
 * Calls `fn` at most once per `ms`: the first call runs at once, calls within the next `ms`
 * only keep their arguments, and the last of them runs when the interval ends. So the final
 * state always reaches `fn`, however the calls bunch up.
 */
export function createThrottle<A extends unknown[]>(fn: (...args: A) => void, ms = 250): Throttled<A> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: A | null = null;

  const tick = () => {
    if (pending === null) {
      timer = null;
      return;
    }
    const args = pending;
    pending = null;
    timer = setTimeout(tick, ms);
    fn(...args);
  };

  const throttled = (...args: A) => {
    if (timer === null) {
      timer = setTimeout(tick, ms);
      fn(...args);
    } else pending = args;
  };
  throttled.flush = () => {
    if (timer === null || pending === null) return;
    clearTimeout(timer);
    tick();
  };
  throttled.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return throttled;
}

/**
 * A run holds a Web Lock named after its id while it goes on, so that another tab of the app
 * (same origin, same History) does not take that run's checkpoint for an interrupted run.
 * Without the Web Locks API (old browsers) every other tab's checkpoint reads as interrupted.
 */
const PREFIX = 'detscope-run:';

/** Holds the run's lock until `ended` settles. */
export function holdRunLock(id: string, ended: Promise<unknown>): void {
  void globalThis.navigator?.locks?.request(PREFIX + id, () => ended.catch(() => undefined));
}

/** Ids of the runs going on in any tab of this origin. */
export async function runsGoingOn(): Promise<Set<string>> {
  const held = (await globalThis.navigator?.locks?.query())?.held ?? [];
  return new Set(held.flatMap((l) => (l.name?.startsWith(PREFIX) ? [l.name.slice(PREFIX.length)] : [])));
}

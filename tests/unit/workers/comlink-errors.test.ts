import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import '../../../workers/comlink-errors';
import * as errors from '../../../src/core/errors';
import { DetscopeError } from '../../../src/core/errors';

/** Every class errors.ts exports that a user-caused error can be: DetscopeError and its subclasses. */
const classes = Object.values(errors).filter((v): v is typeof DetscopeError => typeof v === 'function' && (v === DetscopeError || v.prototype instanceof DetscopeError));

/** A worker's side of Comlink on one end of a MessageChannel, the caller's on the other. */
function thrower() {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose({ fail: (name: string) => { throw new (classes.find((c) => c.name === name)!)('it broke', 'do this next', { file: 'a.json', line: 3, path: 'images["a"]' }); } }, port1);
  return { remote: Comlink.wrap<{ fail(name: string): void }>(port2), close: () => (port1.close(), port2.close()) };
}

describe('errors across a worker boundary', () => {
  it('finds every error class that errors.ts exports', () => {
    expect(classes.map((c) => c.name).sort()).toEqual(['DatasetError', 'DetscopeError', 'ModelError', 'ReportError', 'StorageError', 'ThresholdsError']);
  });

  it.each(classes.map((c) => [c.name, c] as const))('%s keeps its type, name, hint and location', async (name, cls) => {
    const { remote, close } = thrower();
    try {
      const caught = await remote.fail(name).then(() => null, (e: unknown) => e);
      expect(caught).toBeInstanceOf(cls);
      expect(caught).toMatchObject({ name: new cls('', '').name, message: 'it broke', hint: 'do this next', where: { file: 'a.json', line: 3, path: 'images["a"]' } });
    } finally {
      close();
    }
  });
});

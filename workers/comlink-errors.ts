import * as Comlink from 'comlink';
import { DetscopeError, ERROR_CLASSES } from '../src/core/errors';

/**
 * Comlink's default error handler keeps only message and stack; our errors carry a hint and a
 * location the UI shows. Both sides of every worker import this module, so the handler matches.
 */
type Kind = keyof typeof ERROR_CLASSES;

interface SerializedError {
  kind: Kind | 'Error';
  name: string;
  message: string;
  hint?: string;
  where?: DetscopeError['where'];
  stack?: string;
}

const defaultThrow = Comlink.transferHandlers.get('throw')!;

Comlink.transferHandlers.set('throw', {
  canHandle: defaultThrow.canHandle,
  serialize({ value }: { value: unknown }) {
    const e = value as Error;
    const kind = (e instanceof DetscopeError && e.name in ERROR_CLASSES ? e.name : 'Error') as SerializedError['kind'];
    const wire: SerializedError = { kind, name: e?.name ?? 'Error', message: e?.message ?? String(value), stack: e?.stack };
    if (e instanceof DetscopeError) Object.assign(wire, { hint: e.hint, where: e.where });
    return [wire, []];
  },
  deserialize(wire: SerializedError) {
    if (wire.kind !== 'Error') throw new ERROR_CLASSES[wire.kind](wire.message, wire.hint ?? '', wire.where ?? {});
    throw Object.assign(new Error(wire.message), { name: wire.name, stack: wire.stack });
  },
} as Comlink.TransferHandler<unknown, SerializedError>);

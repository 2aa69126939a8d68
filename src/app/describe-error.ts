import exportOnnxDoc from '../../docs/export-onnx.md?raw';
import { DetscopeError } from '../core/errors';

export interface ShownError {
  kind: string;
  message: string;
  where: string;
  hint: string;
  /** A bundled guide the hint points to (docs/export-onnx.md), shown in place. */
  doc: string | null;
}

export function describeError(e: unknown): ShownError {
  if (e instanceof DetscopeError) {
    const w = e.where;
    const where = [w.file, w.line !== undefined ? `line ${w.line}` : '', w.path ?? ''].filter(Boolean).join(', ');
    return { kind: e.name, message: e.message, where, hint: e.hint, doc: e.hint.includes('docs/export-onnx.md') ? exportOnnxDoc : null };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { kind: 'Error', message, where: '', hint: '', doc: null };
}

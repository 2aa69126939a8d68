import { ModelError } from '../errors';
import type { ExternalFile } from './session';

/** A file dropped with the model, by its own name. */
export interface DroppedFile {
  name: string;
  data: Uint8Array;
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/**
 * The files a model's weights live in, found among the files dropped with it by name and
 * passed to onnxruntime under the path the model gives (`location` may hold a folder). A
 * missing one is said before onnxruntime fails on it with a less helpful message.
 */
export function resolveExternalData(modelName: string, locations: string[], dropped: DroppedFile[]): ExternalFile[] {
  const missing = locations.filter((l) => !dropped.some((f) => f.name === baseName(l)));
  if (missing.length) {
    const list = missing.map((l) => `"${baseName(l)}"`).join(', ');
    throw new ModelError(
      `"${modelName}" keeps its weights in ${list}, which ${missing.length > 1 ? 'were' : 'was'} not dropped with it`,
      `Drop "${modelName}" and ${list} together (select both in the file picker, or drag both at once).`,
      { file: modelName },
    );
  }
  return locations.map((l) => ({ path: l, data: dropped.find((f) => f.name === baseName(l))!.data }));
}

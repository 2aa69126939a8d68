import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { unzipSync } from 'fflate';
import { RESULT_FILE } from '../../src/core/dataset/predictions';
import { CliInputError } from './cli-args';

/**
 * `--preds DIR|ZIP`: the prediction files, named as the app expects (`res_<stem>.txt`). Inside
 * --preds a plain `<stem>.txt` is a prediction too; the rename happens here, so the app never
 * mistakes a dataset's gt_*.txt or other text files for predictions.
 */
export function predictionName(fileName: string): string | null {
  const base = basename(fileName);
  if (RESULT_FILE.test(base)) return base;
  return /\.txt$/i.test(base) ? `res_${base}` : null;
}

/** The files of a folder (recursively) or a zip, as name and bytes. */
function readAll(path: string): { name: string; bytes: Uint8Array }[] {
  if (statSync(path).isDirectory()) {
    return readdirSync(path, { recursive: true, encoding: 'utf8' })
      .map((p) => join(path, p))
      .filter((p) => statSync(p).isFile())
      .map((p) => ({ name: p, bytes: readFileSync(p) }));
  }
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(readFileSync(path));
  } catch (e) {
    throw new CliInputError(`--preds ${path} is neither a folder nor a readable zip: ${(e as Error).message}`, 'Give the folder or zip that holds the res_<image>.txt or <image>.txt files.', { file: path, path: '--preds' });
  }
  return Object.entries(entries)
    .filter(([name]) => !name.endsWith('/') && !name.startsWith('__MACOSX/'))
    .map(([name, bytes]) => ({ name, bytes }));
}

/**
 * Writes the prediction files of `path` under their `res_` names into a fresh temporary folder,
 * and returns their paths (sorted) for the app's file input, the folder to remove after the
 * run, and each staged name's original path in --preds (to name files as the user did). No text
 * file at all is bad input.
 */
export function stagePredictionFiles(path: string): { dir: string; files: string[]; origin: Map<string, string> } {
  const files = readAll(path).flatMap(({ name, bytes }) => {
    const res = predictionName(name);
    return res ? [{ res, bytes, from: name }] : [];
  });
  if (files.length === 0) throw new CliInputError(`--preds ${path} holds no .txt prediction files`, 'Give a folder or zip of res_<image>.txt or <image>.txt files, one per image.', { file: path, path: '--preds' });
  const seen = new Map<string, string>();
  for (const f of files) {
    const other = seen.get(f.res);
    if (other) throw new CliInputError(`--preds ${path} holds two predictions for one image: ${other} and ${f.from}`, 'Keep one prediction file per image.', { file: path, path: '--preds' });
    seen.set(f.res, f.from);
  }
  const dir = mkdtempSync(join(tmpdir(), 'detscope-preds-'));
  const paths = files.map(({ res, bytes }) => {
    const out = join(dir, res);
    writeFileSync(out, bytes);
    return out;
  });
  return { dir, files: paths.sort(), origin: seen };
}

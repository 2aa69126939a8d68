import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BOX_TYPES, DEFAULT_BOX_TYPE, isBoxType, type BoxType } from '../../src/core/dataset/box-type';
import { DetscopeError } from '../../src/core/errors';
import { parseBuckets, type ShapeBuckets } from '../../src/core/model/shape-buckets';
import { parseThresholds } from '../../src/core/report/thresholds';
import { parseReport } from '../../src/core/report/validate';
import type { Report } from '../../src/core/report/schema';
import type { ModelProfile } from '../../src/core/model/profiles';
import { changesProfile, parseRunOptions, readProfileFile, RUN_OPTION_SPECS, type RunOptions } from './run-options';

/** A bad command line or input file: the CLI prints `describe()` and exits 2. */
export class CliInputError extends DetscopeError {
  override name = 'CliInputError';
}

export type EpChoice = 'wasm' | 'webgpu' | 'auto';

export interface CliOptions {
  model: string | null;
  /** Null: the bundled sample. */
  data: string | null;
  /** Prediction files (res_*.txt) evaluated instead of a model. */
  preds: string | null;
  /** How gt_/res_ lines lay out their coordinates (CLEval's --BOX_TYPE). */
  boxType: BoxType;
  ep: EpChoice;
  batchSize: number | null;
  limit: number | null;
  thresholds: string | null;
  baseline: string | null;
  out: string;
  shard: { index: number; count: number } | null;
  /** Also write predictions.zip (res_<stem>.txt) and predictions.json next to the report. */
  savePreds: boolean;
  /** Shape buckets set on the model profile; null keeps the profile's own. */
  buckets: ShapeBuckets | null;
  /** Images stacked into one model call, set on the model profile; null keeps the profile's own. */
  inferenceBatch: number | null;
  help: boolean;
  /** Profile, post-processing, CLEval, cache, collate and pool settings (run-options.ts). */
  run: RunOptions;
}

export const USAGE = `Usage: npm run bench -- [--model FILE.onnx] [--data DIR|ZIP] [--preds DIR|ZIP] [--box-type quad|poly|ltrb] [--ep wasm|webgpu|auto]
  [--batch-size N] [--limit N] [--thresholds FILE.yaml] [--baseline report.json] [--out DIR] [--shard I/N] [--save-preds]
  [--profile FILE.json] [--thresh X] [--box-thresh X] [--unclip-ratio X] [--min-size X] [--max-candidates N]
  [--limit-side N] [--box-mode box|poly] [--cleval-mode official|original|auto] [--no-cache] [--no-collate] [--workers N] [--image-timeout S]
  [--buckets SIDE|S1,S2,...]  pad model inputs up to a multiple of SIDE, or to one of the sides (shape buckets)
  [--sweep-thresh X,Y,...] [--sweep-unclip X,Y,...]  post-processing sweep on every map during the run (report: Post-processing sensitivity)
  [--inference-batch N]  stack up to N images of one input shape into one model call (needs a dynamic batch dimension)
  [--kernel-profile]  onnxruntime's per-kernel profile of the run in the report (costs a session creation and run time)
Without --model the bundled PP-OCRv4 det model runs; without --data the bundled sample is evaluated.
--box-type says how gt_*.txt and res_*.txt lines lay out their coordinates, as CLEval's --BOX_TYPE (default quad).
Exit codes: 0 all checks pass, 1 a threshold failed or a regression against the baseline, 2 bad input.`;

const usageHint = 'Run `npm run bench -- --help` for the options.';

/** Parses the bench CLI's arguments; every mistake is a CliInputError naming the option. */
export function parseCliArgs(argv: string[]): CliOptions {
  const { values } = parseStrict(argv, {
    model: { type: 'string' },
    data: { type: 'string' },
    preds: { type: 'string' },
    'box-type': { type: 'string', default: DEFAULT_BOX_TYPE },
    ep: { type: 'string', default: 'wasm' },
    'batch-size': { type: 'string' },
    limit: { type: 'string' },
    thresholds: { type: 'string' },
    baseline: { type: 'string' },
    out: { type: 'string', default: 'detscope-report' },
    shard: { type: 'string' },
    'save-preds': { type: 'boolean', default: false },
    buckets: { type: 'string' },
    'inference-batch': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
    ...RUN_OPTION_SPECS,
  });
  const ep = values.ep as string;
  if (!['wasm', 'webgpu', 'auto'].includes(ep)) throw new CliInputError(`--ep ${ep} is not an execution provider`, 'Give --ep wasm, --ep webgpu or --ep auto.', { path: '--ep' });
  const boxType = (values['box-type'] as string).toLowerCase();
  if (!isBoxType(boxType)) throw new CliInputError(`--box-type ${values['box-type'] as string} is not a box type`, `Give --box-type ${BOX_TYPES.join(', --box-type ')}.`, { path: '--box-type' });
  const opts: CliOptions = {
    model: (values.model as string | undefined) ?? null,
    data: (values.data as string | undefined) ?? null,
    preds: (values.preds as string | undefined) ?? null,
    boxType,
    ep: ep as EpChoice,
    batchSize: integerOption(values['batch-size'], '--batch-size', 1),
    limit: integerOption(values.limit, '--limit', 0),
    thresholds: (values.thresholds as string | undefined) ?? null,
    baseline: (values.baseline as string | undefined) ?? null,
    out: values.out as string,
    shard: values.shard === undefined ? null : parseShard(values.shard as string),
    savePreds: values['save-preds'] as boolean,
    buckets: values.buckets === undefined ? null : bucketsOption(values.buckets as string),
    inferenceBatch: integerOption(values['inference-batch'], '--inference-batch', 1),
    help: values.help as boolean,
    run: parseRunOptions(values),
  };
  if (opts.preds && opts.model) throw new CliInputError('--preds and --model both given', 'Prediction files are evaluated instead of a model: give one of them.', { path: '--preds' });
  if (opts.preds && !opts.data) throw new CliInputError('--preds needs --data', 'Give the ground truth the predictions are scored against with --data DIR|ZIP.', { path: '--preds' });
  if (opts.preds && opts.run.sweep) throw new CliInputError('--preds with --sweep-thresh / --sweep-unclip', 'A sweep post-processes the model\'s probability maps again: it needs a model, not prediction files.', { path: '--preds' });
  for (const [given, flag] of [[opts.inferenceBatch !== null, '--inference-batch'], [opts.run.settings.kernelProfile === true, '--kernel-profile']] as const) {
    if (opts.preds && given) throw new CliInputError(`--preds with ${flag}`, `Prediction files run no model: leave ${flag} out.`, { path: '--preds' });
  }
  if (opts.preds && changesProfile(opts.run)) throw new CliInputError('--preds with a model profile option', 'Prediction files are scored as they are: --profile, --thresh, --box-thresh, --unclip-ratio, --min-size, --max-candidates, --limit-side and --box-mode only apply with a model.', { path: '--preds' });
  return opts;
}

/** `I/N` with 1 <= I <= N, as a CI matrix numbers its jobs. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new CliInputError(`--shard ${text} is not I/N with 1 <= I <= N`, 'Give e.g. --shard 2/4 for the second of four shards.', { path: '--shard' });
  }
  return { index, count };
}

function bucketsOption(text: string): ShapeBuckets {
  const buckets = parseBuckets(text);
  if (!buckets) throw new CliInputError(`--buckets ${text} is neither a side nor a list of sides`, 'Give e.g. --buckets 128 (sides rounded up to multiples of 128) or --buckets 320,640,960.', { path: '--buckets' });
  return buckets;
}

function integerOption(value: unknown, name: string, min: number): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CliInputError(`${name} ${String(value)}: value not allowed, ${name} takes a whole number of at least ${min}`, `Give e.g. ${name} ${Math.max(min, 16)}.`, { path: name });
  return n;
}

/**
 * `--limit -3` as `--limit=-3`: node's parseArgs reads a value that starts with a dash as
 * a missing value ("argument is ambiguous"), when the user meant a (bad) number.
 */
function joinNegativeValues(argv: string[], options: NonNullable<ParseConfig['options']>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : null;
    if (name !== null && options[name]?.type === 'string' && /^-\d/.test(argv[i + 1] ?? '')) out.push(`${argv[i]}=${argv[++i]}`);
    else out.push(argv[i]);
  }
  return out;
}

type ParseConfig = NonNullable<Parameters<typeof parseArgs>[0]>;

/** node:util parseArgs, with its errors (unknown option, missing value) turned into CliInputErrors. */
export function parseStrict(argv: string[], options: NonNullable<ParseConfig['options']>, allowPositionals = false) {
  try {
    return parseArgs({ args: joinNegativeValues(argv, options), options, strict: true, allowPositionals });
  } catch (e) {
    throw new CliInputError((e as Error).message.split('\n')[0].replace(/\.$/, ''), usageHint);
  }
}

/** Checks that a path given on the command line exists and is of the expected kind. */
export function requirePath(path: string, option: string, kind: 'file' | 'dir' | 'any'): void {
  if (!existsSync(path)) throw new CliInputError(`${option} ${path} does not exist`, `Check the path (relative paths start at ${process.cwd()}).`, { file: path, path: option });
  const isDir = statSync(path).isDirectory();
  if (kind === 'file' && isDir) throw new CliInputError(`${option} ${path} is a directory`, `Give the file itself to ${option}.`, { file: path, path: option });
  if (kind === 'dir' && !isDir) throw new CliInputError(`${option} ${path} is not a directory`, `Give the folder that holds the files to ${option}.`, { file: path, path: option });
}

/**
 * Checks before the run that `--out` can become the folder of the report files: not a
 * file, and inside a folder this user may write. The folder itself is made at the end.
 */
export function requireOutDir(out: string): void {
  const where = { file: out, path: '--out' };
  if (existsSync(out) && !statSync(out).isDirectory()) throw new CliInputError(`--out ${out} is a file, not a folder`, 'Give a folder for report.json, report.md and trace.json (it is made when missing), or move the file away.', where);
  let existing = resolve(out);
  while (!existsSync(existing)) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) throw new CliInputError(`--out ${out} cannot be made: ${existing} is a file`, 'Give a folder path whose parents are folders.', where);
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    throw new CliInputError(`--out ${out} cannot be written: ${existing} is not writable`, 'Give a folder you may write to.', where);
  }
}

export interface CliInputs {
  thresholds: { source: string; text: string } | null;
  baseline: Report | null;
  /** `--profile`, checked; null when not given. */
  profile: ModelProfile | null;
}

/** Checks every path and parses the thresholds and baseline before a browser starts, so bad input fails fast. */
export function readCliInputs(opts: CliOptions): CliInputs {
  if (opts.model) requirePath(opts.model, '--model', 'file');
  if (opts.data) requirePath(opts.data, '--data', 'any');
  if (opts.preds) requirePath(opts.preds, '--preds', 'any');
  requireOutDir(opts.out);
  let thresholds: CliInputs['thresholds'] = null;
  if (opts.thresholds) {
    requirePath(opts.thresholds, '--thresholds', 'file');
    const text = readFileSync(opts.thresholds, 'utf8');
    parseThresholds(text, opts.thresholds);
    thresholds = { source: opts.thresholds, text };
  }
  const profile = opts.run.profileFile ? readProfileFile(opts.run.profileFile) : null;
  return { thresholds, baseline: opts.baseline ? readReportFile(opts.baseline, '--baseline') : null, profile };
}

/** A report.json, validated against the schema. */
export function readReportFile(path: string, option: string): Report {
  requirePath(path, option, 'file');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CliInputError(`${path} is not JSON: ${(e as Error).message}`, 'Give a report.json written by detscope.', { file: path, path: option });
  }
  return parseReport(json, path);
}

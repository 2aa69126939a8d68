import { readFileSync } from 'node:fs';
import { parseProfileJson, postLimitProblem, POST_LIMITS } from '../../src/core/model/profile-file';
import type { ModelProfile } from '../../src/core/model/profiles';
import type { EvaluationSettings } from '../../src/core/pipeline/evaluation';
import type { DbParams } from '../../src/core/model/db-params';
import { CliInputError, requirePath } from './cli-args';
import { parseSweepValues, type SweepGrid } from '../../src/core/analysis/sweep';

/**
 * The CLI options that set what the UI's Model profile and Run panels set: post-processing,
 * the resize limit, a profile file, the CLEval mode, the cache, the collate and the pool size.
 */
export const RUN_OPTION_SPECS = {
  profile: { type: 'string' },
  thresh: { type: 'string' },
  'box-thresh': { type: 'string' },
  'unclip-ratio': { type: 'string' },
  'min-size': { type: 'string' },
  'max-candidates': { type: 'string' },
  'limit-side': { type: 'string' },
  'box-mode': { type: 'string' },
  'cleval-mode': { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  'no-collate': { type: 'boolean', default: false },
  workers: { type: 'string' },
  'image-timeout': { type: 'string' },
  'sweep-thresh': { type: 'string' },
  'sweep-unclip': { type: 'string' },
  'kernel-profile': { type: 'boolean', default: false },
} as const;

/** The flag of each post-processing parameter, as PaddleOCR names them. */
const POST_FLAGS: Record<keyof typeof POST_LIMITS, string> = {
  thresh: 'thresh',
  boxThresh: 'box-thresh',
  unclipRatio: 'unclip-ratio',
  minSize: 'min-size',
  maxCandidates: 'max-candidates',
};

/** The CLI's CLEval modes; 'original' is the receipt project's variant, the page's 'seed'. */
const CLEVAL_MODES = { official: 'official', original: 'seed', auto: 'auto' } as const;

export interface ProfileOverrides {
  post: Partial<DbParams>;
  /** The longer-side limit (limit-multiple) or the square side (pad-square). */
  limitSide: number | null;
}

export interface RunOptions {
  /** `--profile FILE.json`, read and checked. */
  profileFile: string | null;
  overrides: ProfileOverrides;
  /** `--sweep-thresh` / `--sweep-unclip`, checked; an axis left out (null) stays at the profile's value. */
  sweep: { thresh: number[] | null; unclipRatio: number[] | null } | null;
  settings: Partial<Pick<EvaluationSettings, 'clevalMode' | 'cache' | 'collate' | 'workers' | 'imageTimeoutS' | 'kernelProfile'>>;
}

/** The values of RUN_OPTION_SPECS from parseArgs, checked: a bad value is a CliInputError naming its flag. */
export function parseRunOptions(values: Record<string, unknown>): RunOptions {
  const post: Partial<DbParams> = {};
  for (const [key, flag] of Object.entries(POST_FLAGS) as [keyof typeof POST_LIMITS, string][]) {
    const text = values[flag];
    if (text === undefined) continue;
    const n = Number(text);
    const problem = String(text).trim() === '' ? 'must be a number' : postLimitProblem(key, n);
    if (problem) throw new CliInputError(`--${flag} ${String(text)} ${problem}`, `Give e.g. --${flag} ${POST_EXAMPLES[key]}.`, { path: `--${flag}` });
    post[key] = n;
  }
  const mode = values['box-mode'];
  if (mode !== undefined) {
    if (mode !== 'box' && mode !== 'poly') throw new CliInputError(`--box-mode ${String(mode)} is not box or poly`, 'Give --box-mode box (4-corner rectangles) or --box-mode poly (polygons).', { path: '--box-mode' });
    post.mode = mode;
  }
  const cleval = values['cleval-mode'];
  if (cleval !== undefined && !Object.hasOwn(CLEVAL_MODES, cleval as string)) {
    throw new CliInputError(`--cleval-mode ${String(cleval)} is not official, original or auto`, 'Give --cleval-mode official (needs transcriptions), original (the receipt project\'s pseudo lengths) or auto.', { path: '--cleval-mode' });
  }
  const settings: RunOptions['settings'] = {};
  if (cleval !== undefined) settings.clevalMode = CLEVAL_MODES[cleval as keyof typeof CLEVAL_MODES];
  if (values['no-cache']) settings.cache = false;
  if (values['no-collate']) settings.collate = false;
  if (values['kernel-profile']) settings.kernelProfile = true;
  const workers = wholeNumber(values.workers, '--workers', 1);
  if (workers !== null) settings.workers = workers;
  const timeout = wholeNumber(values['image-timeout'], '--image-timeout', 0);
  if (timeout !== null) settings.imageTimeoutS = timeout;
  return {
    profileFile: (values.profile as string | undefined) ?? null,
    overrides: { post, limitSide: wholeNumber(values['limit-side'], '--limit-side', 32) },
    settings,
    sweep: sweepOption(values['sweep-thresh'] as string | undefined, values['sweep-unclip'] as string | undefined),
  };
}

function sweepOption(thresh: string | undefined, unclip: string | undefined): RunOptions['sweep'] {
  if (thresh === undefined && unclip === undefined) return null;
  const axis = (text: string | undefined, name: 'thresh' | 'unclipRatio', flag: string) => {
    if (text === undefined) return null;
    try {
      return parseSweepValues(text, name);
    } catch (e) {
      throw new CliInputError((e as Error).message, `The sweep post-processes every image's map at each pair of ${flag === '--sweep-thresh' ? 'thresh' : 'unclip_ratio'} values given.`, { path: flag });
    }
  };
  return { thresh: axis(thresh, 'thresh', '--sweep-thresh'), unclipRatio: axis(unclip, 'unclipRatio', '--sweep-unclip') };
}

/** The sweep's grid on the profile in force: an axis left out is the profile's one value. */
export function sweepOnProfile(sweep: NonNullable<RunOptions['sweep']>, post: Pick<DbParams, 'thresh' | 'unclipRatio'>): SweepGrid {
  return { thresh: sweep.thresh ?? [post.thresh], unclipRatio: sweep.unclipRatio ?? [post.unclipRatio] };
}

const POST_EXAMPLES: Record<keyof typeof POST_LIMITS, number> = { thresh: 0.3, boxThresh: 0.6, unclipRatio: 1.5, minSize: 3, maxCandidates: 1000 };

function wholeNumber(value: unknown, flag: string, min: number): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (String(value).trim() === '' || !Number.isInteger(n) || n < min) throw new CliInputError(`${flag} ${String(value)} is not a whole number of at least ${min}`, `Give e.g. ${flag} ${Math.max(min, 4)}.`, { path: flag });
  return n;
}

/** True when some option changes the model profile (meaningless without a model). */
export function changesProfile(run: RunOptions): boolean {
  return run.profileFile !== null || Object.keys(run.overrides.post).length > 0 || run.overrides.limitSide !== null;
}

/** Reads `--profile FILE.json`, as the profile editor's Import would; errors name the file and JSON path. */
export function readProfileFile(path: string): ModelProfile {
  requirePath(path, '--profile', 'file');
  return parseProfileJson(readFileSync(path, 'utf8'), path);
}

/** The flags over the base profile (the file's, or the one the app chose for the model). */
export function withOverrides(base: ModelProfile, o: ProfileOverrides): ModelProfile {
  const changed = Object.keys(o.post).length > 0 || o.limitSide !== null;
  if (!changed) return base;
  const resize = o.limitSide === null ? base.resize : base.resize.kind === 'limit-multiple' ? { ...base.resize, maxSide: o.limitSide } : { ...base.resize, side: o.limitSide };
  // As in the profile editor, an edited preset is no longer that preset.
  return { ...base, id: 'custom', resize, post: { ...base.post, ...o.post } };
}

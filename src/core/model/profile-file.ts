import { ModelError } from '../errors';
import type { DbParams } from './db-params';
import type { ModelProfile, ResizeRule } from './profiles';
import type { ShapeBuckets } from './shape-buckets';

/**
 * A model profile as a JSON file: what the profile editor exports and imports, and what the
 * CLI's `--profile` reads, so a CI job runs with exactly the profile tuned in the browser.
 */
export function profileToJson(profile: ModelProfile): string {
  return `${JSON.stringify(profile, null, 2)}\n`;
}

/** The limits of each post-processing parameter, shared by the profile file and the CLI flags. */
export const POST_LIMITS: Record<Exclude<keyof DbParams, 'mode'>, { min: number; max?: number; integer?: boolean; minExclusive?: boolean }> = {
  thresh: { min: 0, max: 1 },
  boxThresh: { min: 0, max: 1 },
  unclipRatio: { min: 0, minExclusive: true },
  maxCandidates: { min: 1, integer: true },
  minSize: { min: 0 },
};

/** Why `value` is not allowed for `key`, or null when it is. */
export function postLimitProblem(key: keyof typeof POST_LIMITS, value: number): string | null {
  const l = POST_LIMITS[key];
  const range = `${l.minExclusive ? 'above' : 'at least'} ${l.min}${l.max !== undefined ? ` and at most ${l.max}` : ''}`;
  if (!Number.isFinite(value)) return `must be a number ${range}`;
  if (l.integer && !Number.isInteger(value)) return `must be a whole number ${range}`;
  if (value < l.min || (l.minExclusive && value === l.min) || (l.max !== undefined && value > l.max)) return `must be ${range}, not ${value}`;
  return null;
}

/**
 * Reads a profile file's text; every mistake is a ModelError naming the file and the JSON
 * path (`post.thresh`, `mean[2]`) with what is expected there.
 */
export function parseProfileJson(text: string, file: string): ModelProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ModelError(`Not JSON: ${(e as Error).message}`, 'Give a profile file exported by the Model profile panel (Export).', { file });
  }
  return checkProfile(json, file);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a parsed profile file field by field. */
export function checkProfile(json: unknown, file: string): ModelProfile {
  const fail = (path: string, what: string): never => {
    throw new ModelError(`${path || 'the file'} ${what}`, 'Fix that field, or export the profile again from the Model profile panel.', { file, path: path || undefined });
  };
  const object = (v: unknown, path: string) => (isObject(v) ? v : fail(path, 'must be an object'));
  const number = (v: unknown, path: string, check: (n: number) => string | null = () => null) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(path, `must be a number, not ${JSON.stringify(v)}`);
    const problem = check(v);
    return problem ? fail(path, problem) : v;
  };
  const positive = (n: number) => (n > 0 ? null : `must be above 0, not ${n}`);
  const positiveInt = (n: number) => (Number.isInteger(n) && n > 0 ? null : `must be a whole number above 0, not ${n}`);
  const oneOf = <T extends string>(v: unknown, path: string, values: readonly T[]): T =>
    values.includes(v as T) ? (v as T) : fail(path, `must be one of ${values.map((x) => `"${x}"`).join(', ')}, not ${JSON.stringify(v)}`);
  const triple = (v: unknown, path: string, check?: (n: number) => string | null): [number, number, number] => {
    if (!Array.isArray(v) || v.length !== 3) return fail(path, 'must be an array of 3 numbers, one per channel');
    return v.map((x, i) => number(x, `${path}[${i}]`, check)) as [number, number, number];
  };
  const outputRef = (v: unknown, path: string) => (typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v) && v >= 0) ? v : fail(path, 'must be an output name or index'));

  const p = object(json, '');
  const resize = object(p.resize, 'resize');
  const kind = oneOf(resize.kind, 'resize.kind', ['limit-multiple', 'pad-square'] as const);
  const rule: ResizeRule =
    kind === 'limit-multiple'
      ? { kind, maxSide: number(resize.maxSide, 'resize.maxSide', positiveInt), multiple: number(resize.multiple, 'resize.multiple', positiveInt) }
      : { kind, side: number(resize.side, 'resize.side', positiveInt), align: oneOf(resize.align, 'resize.align', ['center', 'top-left'] as const) };
  const outputs = object(p.outputs, 'outputs');
  const post = object(p.post, 'post');
  const postNumber = (key: keyof typeof POST_LIMITS) => number(post[key], `post.${key}`, (n) => postLimitProblem(key, n));
  if (p.inputName !== undefined && typeof p.inputName !== 'string') fail('inputName', 'must be a string');
  // Buckets change the model's input (padding): a CI job must run with the ones tuned in the browser.
  const bucketsOf = (v: unknown): ShapeBuckets => {
    const b = object(v, 'buckets');
    const sides = b.sides === undefined ? undefined : Array.isArray(b.sides) ? b.sides.map((x, i) => number(x, `buckets.sides[${i}]`, positiveInt)) : fail('buckets.sides', 'must be an array of sides in pixels');
    const multiple = b.multiple === undefined ? undefined : number(b.multiple, 'buckets.multiple', positiveInt);
    if (!sides?.length && multiple === undefined) fail('buckets', 'must give `multiple` (e.g. 128) or `sides` (e.g. [640, 960])');
    return {
      ...(multiple !== undefined ? { multiple } : {}),
      ...(sides !== undefined ? { sides } : {}),
      ...(b.padValue !== undefined ? { padValue: number(b.padValue, 'buckets.padValue') } : {}),
    };
  };
  return {
    id: oneOf(p.id, 'id', ['ppocr-det', 'seed-dbnet', 'custom'] as const),
    channelOrder: oneOf(p.channelOrder, 'channelOrder', ['RGB', 'BGR'] as const),
    scale: number(p.scale, 'scale', positive),
    mean: triple(p.mean, 'mean'),
    std: triple(p.std, 'std', positive),
    resize: rule,
    ...(p.inferenceBatch !== undefined ? { inferenceBatch: number(p.inferenceBatch, 'inferenceBatch', positiveInt) } : {}),
    ...(p.buckets !== undefined ? { buckets: bucketsOf(p.buckets) } : {}),
    ...(p.inputName !== undefined ? { inputName: p.inputName as string } : {}),
    outputs: {
      prob: outputRef(outputs.prob, 'outputs.prob'),
      ...(outputs.thresh !== undefined ? { thresh: outputRef(outputs.thresh, 'outputs.thresh') } : {}),
      ...(outputs.binary !== undefined ? { binary: outputRef(outputs.binary, 'outputs.binary') } : {}),
    },
    post: {
      thresh: postNumber('thresh'),
      boxThresh: postNumber('boxThresh'),
      unclipRatio: postNumber('unclipRatio'),
      maxCandidates: postNumber('maxCandidates'),
      minSize: postNumber('minSize'),
      mode: oneOf(post.mode, 'post.mode', ['box', 'poly'] as const),
    },
  };
}

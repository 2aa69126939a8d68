import { isMap, isScalar, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { ThresholdsError } from '../errors';
import type { Thresholds } from './schema';

interface KeyRule {
  max?: number;
  integer?: boolean;
  hint: string;
}

const percent: KeyRule = { max: 100, hint: 'a percentage from 0 to 100, e.g. 80' };
const positive: KeyRule = { hint: 'a number of at least 0' };
const fraction: KeyRule = { max: 1, hint: 'an H-mean fraction from 0 to 1, e.g. 0.95' };
const count: KeyRule = { integer: true, hint: 'a whole number of images, e.g. 0' };

/** The keys detscope applies: the original project's thresholds.yaml, plus `accuracy`. */
const known: Record<string, Record<string, KeyRule>> = {
  validation: { time_regression_threshold_pct: positive, max_time_seconds: positive, min_samples_per_second: positive, max_failed_images: count },
  memory: { max_gpu_memory_pct: percent, max_gpu_memory_gb: positive, max_cpu_memory_pct: percent },
  cache: { min_hit_rate_pct: percent, warmup_batches: { integer: true, hint: 'a whole number of batches, e.g. 10' } },
  tolerance: { measurement_noise_pct: positive },
  accuracy: { min_hmean: fraction, max_hmean_drop: fraction },
};

export interface LoadedThresholds {
  thresholds: Thresholds;
  /** Paths such as `memory.max_swap_pct` of keys that are not applied. */
  unknownKeys: string[];
}

/** Parses thresholds YAML; a value of the wrong kind throws ThresholdsError with its path and line. */
export function parseThresholds(text: string, file = 'thresholds.yaml'): LoadedThresholds {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
  const fail = (message: string, hint: string, path: string | undefined, node?: Node | null): never => {
    throw new ThresholdsError(message, hint, { file, line: lineOf(node), path });
  };
  if (doc.errors.length > 0) {
    const [e] = doc.errors;
    throw new ThresholdsError(`not valid YAML: ${e.message.split('\n')[0]}`, 'Fix the YAML syntax.', { file, line: e.linePos?.[0].line });
  }
  const thresholds: Thresholds = {};
  const unknownKeys: string[] = [];
  if (doc.contents === null) return { thresholds, unknownKeys };
  if (!isMap(doc.contents)) return fail('the file is not a mapping of sections', 'Write sections such as `validation:` at the top level.', undefined, doc.contents);
  for (const section of doc.contents.items as Pair<Node, Node>[]) {
    const name = String(isScalar(section.key) ? section.key.value : section.key);
    const rules = known[name];
    if (!rules) {
      unknownKeys.push(name);
      continue;
    }
    if (section.value === null || (isScalar(section.value) && section.value.value === null)) continue;
    if (!isMap(section.value)) return fail(`\`${name}\` must be a mapping`, `Indent its keys under \`${name}:\`.`, name, section.value);
    const values: Record<string, number> = {};
    for (const pair of section.value.items as Pair<Node, Node>[]) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      const path = `${name}.${key}`;
      const rule = rules[key];
      if (!rule) {
        unknownKeys.push(path);
        continue;
      }
      const value = isScalar(pair.value) ? pair.value.value : undefined;
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        value >= 0 &&
        (rule.max === undefined || value <= rule.max) &&
        (!rule.integer || Number.isInteger(value));
      if (!ok) fail(`\`${path}\` is ${JSON.stringify(value ?? String(pair.value))}`, `Give ${rule.hint}.`, path, pair.value ?? pair.key);
      values[key] = value as number;
    }
    (thresholds as Record<string, Record<string, number>>)[name] = values;
  }
  return { thresholds, unknownKeys };
}

import Ajv2020, { type ErrorObject } from 'ajv/dist/2020';
import { ReportError } from '../errors';
import schema from './report.schema.json';
import type { Report } from './schema';

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const check = ajv.compile<Report>(schema);

export type ValidationResult = { ok: true; report: Report } | { ok: false; errors: string[] };

/** Checks `json` against report.schema.json; each error names its JSON path, e.g. `/timing/wall_s: must be >= 0`. */
export function validateReport(json: unknown): ValidationResult {
  if (check(json)) return { ok: true, report: json };
  return { ok: false, errors: (check.errors ?? []).map(describe) };
}

/** As validateReport, but throws a ReportError that carries the first error's path. */
export function parseReport(json: unknown, file?: string): Report {
  const result = validateReport(json);
  if (result.ok) return result.report;
  const [first] = result.errors;
  throw new ReportError(
    `not a detscope report (schema_version 1): ${result.errors.slice(0, 5).join('; ')}`,
    'Use a report.json written by detscope; reports of another schema_version need that detscope version.',
    { file, path: first.split(':')[0] },
  );
}

function describe(e: ErrorObject): string {
  const at = e.instancePath || '/';
  if (e.keyword === 'additionalProperties') return `${at}: unknown property "${e.params.additionalProperty}"`;
  if (e.keyword === 'enum') return `${at}: must be one of ${e.params.allowedValues.map((v: unknown) => JSON.stringify(v)).join(', ')}`;
  return `${at}: ${e.message}`;
}

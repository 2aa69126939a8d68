import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { generateReportSchema, REPORT_SCHEMA_PATH } from '../../../scripts/report-schema';

test('report.schema.json is what `npm run schema` generates from schema.ts (run it after changing the report types)', () => {
  expect(readFileSync(REPORT_SCHEMA_PATH, 'utf8')).toBe(generateReportSchema());
}, 120_000);

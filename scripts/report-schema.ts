/**
 * Generates src/core/report/report.schema.json from the Report type of src/core/report/schema.ts
 * (ranges and patterns come from JSDoc tags there and in numerics/number-kinds.ts), so the
 * schema cannot drift from the types. `npm run schema` writes it; tests/unit/report's
 * report-schema test fails while the committed file is not what this generates.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = fileURLToPath(new URL('../', import.meta.url));
export const REPORT_SCHEMA_PATH = `${root}src/core/report/report.schema.json`;

/** The schema as the file holds it: draft 2020-12 (what validate.ts compiles with), definitions under $defs. */
export function generateReportSchema(): string {
  const generated = createGenerator({
    path: `${root}src/core/report/schema.ts`,
    tsconfig: `${root}tsconfig.json`,
    type: 'Report',
    expose: 'export',
    topRef: false,
    jsDoc: 'extended',
    // svelte-check type-checks the sources; the generator only reads them.
    skipTypeCheck: true,
    additionalProperties: false,
  }).createSchema('Report');
  const { $schema: _draft, definitions, ...report } = generated;
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://detscope.local/report.schema.json',
    title: 'detscope report',
    ...report,
    description: 'A detscope run report, schema_version 1. Generated from src/core/report/schema.ts by `npm run schema`: do not edit.',
    $defs: definitions,
  };
  return `${JSON.stringify(schema, null, 2).replaceAll('"#/definitions/', '"#/$defs/')}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const schema = generateReportSchema();
  const before = readFileSync(REPORT_SCHEMA_PATH, 'utf8');
  if (schema === before) console.log(`${REPORT_SCHEMA_PATH}: up to date`);
  else {
    writeFileSync(REPORT_SCHEMA_PATH, schema);
    console.log(`${REPORT_SCHEMA_PATH}: written`);
  }
}

import { validateReport, type ValidationResult } from '../../../core/report/validate';

/** A dropped report.json: either the report, or every reason it is not one, each with its JSON path. */
export function readReportText(text: string, fileName: string): ValidationResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`${fileName} is not JSON: ${(e as Error).message}`] };
  }
  return validateReport(json);
}

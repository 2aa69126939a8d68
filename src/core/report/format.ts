/** Number formats of the Markdown report; null or undefined renders as n/a. */
type Figure = number | null | undefined;

const na = (x: Figure): x is null | undefined => x === null || x === undefined || Number.isNaN(x);

export const ms = (x: Figure) => (na(x) ? 'n/a' : `${x.toFixed(1)} ms`);
export const seconds = (x: Figure) => (na(x) ? 'n/a' : `${x.toFixed(2)} s`);
export const percent = (fraction: Figure) => (na(fraction) ? 'n/a' : `${(fraction * 100).toFixed(1)} %`);
export const score = (x: Figure) => (na(x) ? 'n/a' : x.toFixed(4));
export const plain = (x: Figure, digits = 2) => (na(x) ? 'n/a' : Number(x.toFixed(digits)).toString());

export function bytes(x: Figure): string {
  if (na(x)) return 'n/a';
  if (x < 1024) return `${x} B`;
  if (x < 1024 ** 2) return `${(x / 1024).toFixed(1)} KiB`;
  if (x < 1024 ** 3) return `${(x / 1024 ** 2).toFixed(1)} MiB`;
  return `${(x / 1024 ** 3).toFixed(2)} GiB`;
}

export function signed(x: number, digits: number, suffix = ''): string {
  return `${x > 0 ? '+' : ''}${x.toFixed(digits)}${suffix}`;
}

/** A Markdown table; pipes inside cells are escaped. */
export function table(head: string[], rows: string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

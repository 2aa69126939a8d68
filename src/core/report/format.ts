import type { ComparisonRow } from './schema';

/** Number formats of the Markdown report and the app: a missing figure (null, undefined, NaN, infinite) is n/a, never a stand-in number. */
type Figure = number | null | undefined;

const na = (x: Figure): x is null | undefined => x === null || x === undefined || !Number.isFinite(x);

export const ms = (x: Figure) => (na(x) ? 'n/a' : `${x.toFixed(1)} ms`);
export const seconds = (x: Figure) => (na(x) ? 'n/a' : `${x.toFixed(2)} s`);
/** Milliseconds as read best: `930.9 ms`, `4.57 s`. */
export const duration = (x: Figure) => (na(x) ? 'n/a' : Math.abs(x) >= 1000 ? seconds(x / 1000) : ms(x));
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

/** Seconds for an ETA: `45 s`, `3 min 05 s`, `1 h 02 min`. */
export function eta(x: Figure): string {
  if (na(x) || x < 0) return 'n/a';
  const s = Math.round(x);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** `1 batch`, `2 batches`: a number with its noun. */
export const count = (n: number, noun: string, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`;

export function signed(x: number, digits: number, suffix = ''): string {
  return `${x > 0 ? '+' : ''}${x.toFixed(digits)}${suffix}`;
}

/** A Markdown table; pipes inside cells are escaped. */
export function table(head: string[], rows: string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A comparison row's value: fractions (unit '') as scores, others with their unit. */
export const comparisonValue = (x: number | null, unit: string) => (x === null ? 'n/a' : unit === '' ? score(x) : `${plain(x)} ${unit}`);

/** A comparison row's change: fractions in absolute points, timings in % of the baseline, with the interval a verdict rests on. */
export function comparisonChange(row: ComparisonRow): string {
  if (row.delta === null) return 'n/a';
  if (row.unit === '') return signed(row.delta, 4);
  if (row.changePct === null) return signed(row.delta, 2, ` ${row.unit}`);
  const i = row.interval;
  const ci = i ? ` (${i.level * 100} % CI ${signed(i.lowPct, 1)} to ${signed(i.highPct, 1)} %, ${i.paired ? `${i.samplesNow} images paired` : `${i.samplesNow} vs ${i.samplesBaseline} images`})` : '';
  return signed(row.changePct, 1, ' %') + ci;
}

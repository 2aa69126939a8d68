/** Display formats of the profiler panels. A missing figure is 'n/a', never a stand-in number. */

export const NA = 'n/a';

export function formatMs(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return NA;
  if (Math.abs(ms) >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${ms.toFixed(Math.abs(ms) < 10 ? 2 : 1)} ms`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return NA;
  let v = bytes;
  let unit = 0;
  while (Math.abs(v) >= 1024 && unit < BYTE_UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  return unit === 0 ? `${v} B` : `${v.toFixed(1)} ${BYTE_UNITS[unit]}`;
}

/** A fraction in [0, 1] as a percentage. */
export function formatPct(fraction: number | null | undefined, digits = 1): string {
  if (fraction == null || !Number.isFinite(fraction)) return NA;
  return `${(fraction * 100).toFixed(digits)} %`;
}

/** Scores (precision, recall, H-mean) in [0, 1], as the original reports printed them. */
export function formatScore(score: number | null | undefined): string {
  if (score == null || !Number.isFinite(score)) return NA;
  return score.toFixed(4);
}

/** A duration for an ETA: `45 s`, `3 min 05 s`, `1 h 02 min`. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return NA;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * Estimated time to load an entry back from the persistent level (read + decode), as
 * fixed + perByte * bytes. Starts from priors measured in headless Chromium on 2 cores
 * (npm run bench:collate: IndexedDB read ~1.3 ms and decode 7.5-9.8 ms for a ~134 KB
 * entry of a 640x640 receipt) and follows the loads actually measured, so the admission
 * rule tracks this machine. Node decodes faster (~5 ms), but the cache runs in browsers.
 */
export class LoadCostModel {
  private observed = 0;

  constructor(
    readonly fixedMs = 1.3,
    private msPerByte = 6.5e-5,
  ) {}

  estimate(bytes: number): number {
    return this.fixedMs + this.msPerByte * bytes;
  }

  observe(bytes: number, ms: number): void {
    if (bytes <= 0) return;
    const perByte = Math.max(0, ms - this.fixedMs) / bytes;
    this.msPerByte = this.observed === 0 ? perByte : 0.8 * this.msPerByte + 0.2 * perByte;
    this.observed++;
  }
}

/**
 * Estimated time to load an entry back from the persistent level (read + decode), as
 * fixed + perByte * bytes. Starts from priors measured in headless Chromium on 2 cores
 * (a 640x640 receipt's entry: IndexedDB read ~1.1 ms, decode ~2.3 ms; docs/reference-figures.md,
 * "The polygon cache's entry") and follows the loads actually measured, so the admission
 * rule tracks this machine.
 */
export class LoadCostModel {
  private observed = 0;

  constructor(
    readonly fixedMs = 1.5,
    private msPerByte = 1.3e-5,
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

/**
 * Estimated time to load an entry back from the persistent level (read + decode), as
 * fixed + perByte * bytes. Starts from priors (reference-figures.md: an IndexedDB `get`
 * of ~50 KB takes ~1 ms; inflating and rebuilding a ~130 KB entry ~4-5 ms on 2 cores)
 * and follows the loads actually measured, so the admission rule tracks this machine.
 */
export class LoadCostModel {
  private observed = 0;

  constructor(
    readonly fixedMs = 1,
    private msPerByte = 4e-5,
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

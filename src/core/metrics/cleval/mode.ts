/** Official CLEval needs transcriptions; GT without any (receipt JSON) is scored by the receipt variant. */
export type ClevalMode = 'official' | 'seed';

type GtText = readonly { points: unknown; text?: string; dontCare: boolean }[];

/** The mode `auto` resolves to, and why, in words for the CLI and the UI. */
export function chooseClevalMode(images: Iterable<GtText>): { mode: ClevalMode; reason: string } {
  let regions = 0;
  for (const gt of images) {
    if (gt.some((g) => !g.dontCare && (g.text ?? '').length > 0)) return { mode: 'official', reason: 'the ground truth has transcriptions, which official CLEval counts characters from' };
    regions += gt.length;
  }
  return { mode: 'seed', reason: `none of the ${regions} GT regions has a transcription: character counts come from the receipt project's pseudo lengths` };
}

export function defaultClevalMode(images: Iterable<GtText>): ClevalMode {
  return chooseClevalMode(images).mode;
}

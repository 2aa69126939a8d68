/** Official CLEval needs transcriptions; GT without any (receipt JSON) is scored by the receipt variant. */
export type ClevalMode = 'official' | 'seed';

export function defaultClevalMode(images: Iterable<readonly { points: unknown; text?: string; dontCare: boolean }[]>): ClevalMode {
  for (const gt of images) if (gt.some((g) => !g.dontCare && (g.text ?? '').length > 0)) return 'official';
  return 'seed';
}

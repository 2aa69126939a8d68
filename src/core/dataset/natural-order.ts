/** Digits compare as numbers (`img_2` before `img_10`), as a file browser lists them. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

export const naturalCompare = (a: string, b: string): number => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

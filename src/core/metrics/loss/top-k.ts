/**
 * Sum of the k largest values (k clamped to [0, length]), as torch.topk(...).sum()
 * gives for DB's hard-negative mining. Quickselect on a copy: O(n) on average, where
 * sorting 400k negatives per image would dominate the loss.
 */
export function sumTopK(values: Float64Array, k: number): number {
  const n = values.length;
  k = Math.max(0, Math.min(Math.floor(k), n));
  if (k === 0) return 0;
  if (k === n) return values.reduce((s, v) => s + v, 0);
  const a = values.slice();
  // Partition so that a[0..k) holds the k largest (in any order).
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] > pivot) i++;
      while (a[j] < pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k - 1 <= j) hi = j;
    else if (k - 1 >= i) lo = i;
    else break;
  }
  let sum = 0;
  for (let i = 0; i < k; i++) sum += a[i];
  return sum;
}

import { sha256Hex } from '../numerics/sha256';
import type { Sample } from './sample';

/**
 * SHA-256 of what a run evaluates: image names and sizes in order, and every GT region.
 * Two reports are comparable when this matches (pixels are not hashed: too slow for
 * 10,000 images, and a changed image keeps its name and size only by rare accident).
 */
export async function datasetContentHash(samples: readonly Sample[]): Promise<string> {
  const canonical = JSON.stringify(samples.map((s) => [s.name, s.image?.size ?? null, s.gt.map((g) => [g.points, g.text ?? null, g.dontCare])]));
  return sha256Hex(new TextEncoder().encode(canonical));
}

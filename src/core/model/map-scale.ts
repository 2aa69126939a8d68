import { ModelError, type ErrorLocation } from '../errors';
import { composeAffine, scaleTranslate, type Mat3 } from '../numerics/mat3';

export interface Size {
  width: number;
  height: number;
}

/**
 * How many input pixels one probability-map pixel spans: 1 for a map at the input's size, k for
 * a head at 1/k resolution (a stride-k map is floor or ceil of input/k, as pooling and strided
 * convolutions round), 1/k for a map upsampled k times. Null when the sizes fit no such rule.
 */
export function mapStride(input: Size, map: Size): number | null {
  if (map.width === input.width && map.height === input.height) return 1;
  // The longer side fixes k best: rounding moves it least, relatively.
  const [i, m] = input.width >= input.height ? [input.width, map.width] : [input.height, map.height];
  if (m <= 0) return null;
  if (m < i) {
    const k = Math.round(i / m);
    const fits = (inSide: number, mapSide: number) => mapSide === Math.floor(inSide / k) || mapSide === Math.ceil(inSide / k);
    return k > 1 && fits(input.width, map.width) && fits(input.height, map.height) ? k : null;
  }
  const k = Math.round(m / i);
  return map.width === k * input.width && map.height === k * input.height ? 1 / k : null;
}

/**
 * Original-image pixels to probability-map pixels: the preprocessing transform, then the
 * map's scale. Post-processing maps boxes back through its inverse, and the GT maps are drawn
 * at the map's size through it, so a model with a 1/4-resolution head is scored where its
 * boxes are, not at a quarter of their place.
 */
export function imageToMap(imageToInput: Mat3, input: Size, map: Size, outputName: string): Mat3 {
  const stride = checkedStride(input, map, outputName);
  return stride === 1 ? imageToInput : composeAffine(scaleTranslate(1 / stride, 1 / stride), imageToInput);
}

/** `mapStride`, or a ModelError that names the output and both sizes. */
export function checkedStride(input: Size, map: Size, outputName: string, where: ErrorLocation = {}): number {
  const stride = mapStride(input, map);
  if (stride !== null) return stride;
  throw new ModelError(
    `Output "${outputName}" is ${map.width}x${map.height} for a ${input.width}x${input.height} input: neither the input's size nor a whole fraction or multiple of it, so its pixels cannot be placed on the image`,
    'Export the model so that its probability map has the input\'s size or a 1/k scale of it (as a stride-4 head has), or pick the probability-map output in the model profile.',
    where,
  );
}

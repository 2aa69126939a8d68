import type { GtRegion } from '../dataset/sample';
import { ModelError } from '../errors';
import type { ModelProfile } from '../model/profiles';
import { invertAffine, type Mat3 } from '../numerics/mat3';
import type { Detector } from './detector';
import { carePolygonsInMap } from './model-stages';
import type { Bridge, GtMaps, GtMapsApi } from './worker-apis';

/** One image's maps for the inspector, all at the probability map's size. */
export interface ImageMaps {
  width: number;
  height: number;
  /** Probability-map pixels to original image: how the maps are drawn over it. */
  toImage: Mat3;
  prob: Float32Array;
  /** Null when the image has no care GT region to draw. */
  gt: GtMaps | null;
}

/** The run whose maps are asked for: its model file (by hash) and profile. */
export interface MapsRun {
  modelFile: string;
  modelSha256: string;
  profile: ModelProfile;
  applyExifOrientation: boolean;
}

/**
 * A run keeps no maps (they would cost megabytes an image): the inspector gets them again
 * for one image, through the same stages a run uses. The model runs on the image (prep,
 * inference and DB post-processing workers, as the Single-image tab does) and the GT maps
 * come from a GT-maps worker, where the run's cache may already hold them. `signal` gives it up.
 */
export async function imageMaps(
  detector: Detector,
  loadedSha256: string,
  run: MapsRun,
  image: Blob,
  gt: readonly GtRegion[],
  gtMaps: Bridge<GtMapsApi>['maps'],
  signal: AbortSignal,
): Promise<ImageMaps> {
  const loaded = detector.model;
  if (!loaded || loadedSha256 !== run.modelSha256) {
    throw new ModelError(
      `The maps of this run need its model ${run.modelFile}, and ${loaded ? `the model loaded is ${loaded.name} (another file)` : 'no model is loaded'}`,
      `Load ${run.modelFile} (drop it on the Model panel), then turn the map layer on again.`,
      { file: run.modelFile },
    );
  }
  const r = await detector.detect(image, run.profile, { applyExifOrientation: run.applyExifOrientation, signal });
  const polygons = carePolygonsInMap(gt, invertAffine(r.toImage));
  return {
    width: r.probWidth,
    height: r.probHeight,
    toImage: r.toImage,
    prob: r.prob,
    gt: polygons.length ? await gtMaps(signal, { polygons, height: r.probHeight, width: r.probWidth }) : null,
  };
}

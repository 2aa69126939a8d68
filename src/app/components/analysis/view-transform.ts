/** Screen = image * scale + (tx, ty): how the inspector shows an image zoomed and panned. */
export interface View {
  scale: number;
  tx: number;
  ty: number;
}

/** Zoom limits, relative to the fitted scale: from a quarter of it to 64 screen pixels per image pixel. */
const MIN_FIT_FRACTION = 0.25;
const MAX_SCALE = 64;

/** The whole image in the viewport, centred. */
export function fitView(image: { width: number; height: number }, viewport: { width: number; height: number }): View {
  const scale = Math.min(viewport.width / image.width, viewport.height / image.height);
  return { scale, tx: (viewport.width - image.width * scale) / 2, ty: (viewport.height - image.height * scale) / 2 };
}

/** Zooms by `factor` keeping the image point under the screen point (x, y) where it is; `fitted` bounds the zoom-out. */
export function zoomAt(v: View, factor: number, x: number, y: number, fitted: number): View {
  const scale = Math.min(MAX_SCALE, Math.max(fitted * MIN_FIT_FRACTION, v.scale * factor));
  const k = scale / v.scale;
  return { scale, tx: x - (x - v.tx) * k, ty: y - (y - v.ty) * k };
}

export function panBy(v: View, dx: number, dy: number): View {
  return { ...v, tx: v.tx + dx, ty: v.ty + dy };
}

/** The image point under a screen point. */
export function toImagePoint(v: View, x: number, y: number): [number, number] {
  return [(x - v.tx) / v.scale, (y - v.ty) / v.scale];
}

/** The screen point of an image point. */
export function toScreenPoint(v: View, x: number, y: number): [number, number] {
  return [x * v.scale + v.tx, y * v.scale + v.ty];
}

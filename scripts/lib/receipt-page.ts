/**
 * The in-page half of the receipt generator. These functions are serialised into the
 * page by `page.evaluate`, so they import nothing at runtime: geometry and randomness are
 * decided in Node; the page only measures, draws and encodes. The noise stream uses the
 * `mulberry32` that make-dataset installs on the page's globalThis.
 */
import type { Polygon } from '../../src/core/geometry/types';
import type { RunMetrics } from './synthetic/line-boxes';
import type { ReceiptLayout } from './synthetic/receipt-layout';
import type { mulberry32 } from '../../src/core/numerics/prng';

export interface RenderRequest {
  layout: ReceiptLayout;
  /** The paper's corners in the image, for its drop shadow. */
  paperCorners: Polygon;
  /** Text at its measured position on the flat paper. */
  texts: { text: string; font: string; x: number; baseline: number }[];
  quality: number;
  /** When given, also return a PNG with these polygons outlined, to check GT by eye. */
  debugPolygons?: Polygon[];
}

export interface RenderResult {
  jpegBase64: string;
  debugPngBase64?: string;
}

export function measureRuns(runs: { text: string; font: string }[]): RunMetrics[] {
  const ctx = new OffscreenCanvas(1, 1).getContext('2d')!;
  return runs.map(({ text, font }) => {
    ctx.font = font;
    const m = ctx.measureText(text);
    return {
      width: m.width,
      actualBoundingBoxLeft: m.actualBoundingBoxLeft,
      actualBoundingBoxRight: m.actualBoundingBoxRight,
      actualBoundingBoxAscent: m.actualBoundingBoxAscent,
      actualBoundingBoxDescent: m.actualBoundingBoxDescent,
    };
  });
}

export async function renderReceipt({ layout, paperCorners, texts, quality, debugPolygons }: RenderRequest): Promise<RenderResult> {
  const rgb = (c: number[], a = 1) => `rgba(${c[0]},${c[1]},${c[2]},${a})`;
  const { paper, width, height } = layout;

  // Flat paper: colour, stains, marks and text, as if scanned flat.
  const flat = new OffscreenCanvas(paper.width, paper.height);
  const f = flat.getContext('2d')!;
  f.fillStyle = rgb(paper.color);
  f.fillRect(0, 0, paper.width, paper.height);
  for (const b of paper.blotches) {
    const g = f.createRadialGradient(b.x, b.y, 0, b.x, b.y, b.radius);
    g.addColorStop(0, `rgba(120,95,50,${b.alpha})`);
    g.addColorStop(1, 'rgba(120,95,50,0)');
    f.fillStyle = g;
    f.fillRect(0, 0, paper.width, paper.height);
  }
  f.fillStyle = f.strokeStyle = rgb(layout.ink, 0.92);
  for (const mark of layout.marks) {
    if (mark.kind === 'rule') {
      f.lineWidth = 1.2;
      f.setLineDash(mark.dashed ? [5, 3] : []);
      f.beginPath();
      f.moveTo(mark.x0, mark.y);
      f.lineTo(mark.x1, mark.y);
      f.stroke();
    } else {
      let x = mark.x;
      mark.bars.forEach((w, i) => {
        if (i % 2 === 0) f.fillRect(x, mark.y, w, mark.height);
        x += w;
      });
    }
  }
  f.textBaseline = 'alphabetic';
  f.textAlign = 'left';
  for (const t of texts) {
    f.font = t.font;
    f.fillText(t.text, t.x, t.baseline);
  }

  // Image: background with the paper's shadow, then the paper warped in by inverse mapping.
  const out = new OffscreenCanvas(width, height);
  const o = out.getContext('2d')!;
  const bg = o.createLinearGradient(0, 0, width, height);
  bg.addColorStop(0, rgb(layout.background.from));
  bg.addColorStop(1, rgb(layout.background.to));
  o.fillStyle = bg;
  o.fillRect(0, 0, width, height);
  o.shadowColor = 'rgba(0,0,0,0.55)';
  o.shadowBlur = 14;
  o.shadowOffsetX = 4;
  o.shadowOffsetY = 6;
  o.fillStyle = rgb(paper.color);
  o.beginPath();
  for (const [x, y] of paperCorners) o.lineTo(x, y);
  o.fill();
  o.shadowColor = 'transparent';

  const src = f.getImageData(0, 0, paper.width, paper.height).data;
  const img = o.getImageData(0, 0, width, height);
  const dst = img.data;
  const inv = layout.imageToPaper;
  const sw = paper.width;
  const sh = paper.height;
  const rand = (globalThis as unknown as { mulberry32: typeof mulberry32 }).mulberry32(layout.noise.seed);
  const amp = layout.noise.amplitude;
  const dirX = Math.cos(layout.shade.angle) / width;
  const dirY = Math.sin(layout.shade.angle) / height;
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const i = 4 * (py * width + px);
      const cx = px + 0.5;
      const cy = py + 0.5;
      const w = inv[6] * cx + inv[7] * cy + inv[8];
      const u = (inv[0] * cx + inv[1] * cy + inv[2]) / w - 0.5;
      const v = (inv[3] * cx + inv[4] * cy + inv[5]) / w - 0.5;
      // Coverage ramps over one pixel at the paper edge, so the outline is antialiased.
      const cover = Math.max(0, Math.min(1, u + 1, sw - u, v + 1, sh - v));
      if (cover > 0) {
        const x0 = Math.max(0, Math.min(sw - 2, Math.floor(u)));
        const y0 = Math.max(0, Math.min(sh - 2, Math.floor(v)));
        const ax = Math.max(0, Math.min(1, u - x0));
        const ay = Math.max(0, Math.min(1, v - y0));
        const j = 4 * (y0 * sw + x0);
        const k = j + 4 * sw;
        for (let c = 0; c < 3; c++) {
          const top = src[j + c] * (1 - ax) + src[j + 4 + c] * ax;
          const bottom = src[k + c] * (1 - ax) + src[k + 4 + c] * ax;
          dst[i + c] = dst[i + c] * (1 - cover) + (top * (1 - ay) + bottom * ay) * cover;
        }
      }
      const light = 1 - layout.shade.strength * (0.5 + (px - width / 2) * dirX + (py - height / 2) * dirY);
      const grain = (rand() - 0.5) * 2 * amp;
      for (let c = 0; c < 3; c++) dst[i + c] = dst[i + c] * light + grain;
    }
  }
  o.putImageData(img, 0, 0);

  const base64 = async (blob: Blob) => {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  };
  const result: RenderResult = { jpegBase64: await base64(await out.convertToBlob({ type: 'image/jpeg', quality: quality / 100 })) };
  if (debugPolygons) {
    o.strokeStyle = 'rgba(255,0,0,0.9)';
    o.lineWidth = 1;
    for (const poly of debugPolygons) {
      o.beginPath();
      for (const [x, y] of poly) o.lineTo(x, y);
      o.closePath();
      o.stroke();
    }
    result.debugPngBase64 = await base64(await out.convertToBlob({ type: 'image/png' }));
  }
  return result;
}

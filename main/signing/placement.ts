import type { Point } from '../../native/signature-pad';
import type { Box } from '../pdf/documents';

export type Area = Omit<Box, 'page'>;

/**
 * Strokes as captured (pixels, y down) fitted into `area` (PDF points, y up): the ink's own bounds are
 * scaled to fill the area without distortion and centred in it. Where in the signing area the client
 * wrote, and how large, says nothing on paper; the record keeps the raw positions.
 */
export function placeStrokes(strokes: readonly (readonly Point[])[], area: Area): Point[][] {
  const points = strokes.flat();
  if (points.length === 0) return [];
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  // A straight stroke has no height (or width); it is still drawn at the size the other side allows.
  const width = Math.max(Math.max(...xs) - left, 1e-6);
  const height = Math.max(Math.max(...ys) - top, 1e-6);
  const scale = Math.min(area.width / width, area.height / height);
  const originX = area.x + (area.width - width * scale) / 2;
  const originY = area.y + area.height - (area.height - height * scale) / 2;
  return strokes.map((stroke) => stroke.map((p) => ({ x: originX + (p.x - left) * scale, y: originY - (p.y - top) * scale })));
}

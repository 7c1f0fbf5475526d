import { promptLayout, type PadProfile, type Raster, type Rect } from '../../native/signature-pad';

const INK = 0;

/**
 * The image a pad shows while the client signs: a line to sign on and the three buttons where the
 * pad library looks for taps, marked with signs every client reads whatever their language (✓ to
 * confirm, ↺ to start over, ✕ to cancel). Drawn as 1-pixel-precise lines into a grey raster, which
 * the library turns into the pad's own format.
 */
export function padPrompt(profile: Pick<PadProfile, 'lcd'>): Raster {
  const { width, height } = profile.lcd;
  const data = new Uint8Array(width * height).fill(255);
  const dot = (x: number, y: number) => {
    if (x >= 0 && y >= 0 && x < width && y < height) data[Math.round(y) * width + Math.round(x)] = INK;
  };
  const line = (x0: number, y0: number, x1: number, y1: number, thickness = 2) => {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let i = 0; i <= steps; i++) {
      const x = x0 + ((x1 - x0) * i) / steps;
      const y = y0 + ((y1 - y0) * i) / steps;
      for (let t = 0; t < thickness; t++) {
        dot(x, y + t);
        dot(x + t, y);
      }
    }
  };
  const box = (r: Rect) => {
    line(r.x, r.y, r.x + r.width - 1, r.y, 1);
    line(r.x, r.y + r.height - 1, r.x + r.width - 1, r.y + r.height - 1, 1);
    line(r.x, r.y, r.x, r.y + r.height - 1, 1);
    line(r.x + r.width - 1, r.y, r.x + r.width - 1, r.y + r.height - 1, 1);
  };

  const layout = promptLayout(profile);
  const area = layout.signingArea;
  // The line to sign on, a fifth of the way up from the bottom of the signing area.
  const baseline = area.y + Math.round(area.height * 0.8);
  line(area.x + area.width * 0.08, baseline, area.x + area.width * 0.92, baseline, 1);
  for (const button of layout.buttons) {
    const r = button.rect;
    box(r);
    const size = Math.min(r.width, r.height) * 0.3;
    const cx = r.x + r.width / 2;
    const cy = r.y + r.height / 2;
    if (button.id === 'ok') {
      line(cx - size, cy, cx - size / 3, cy + size * 0.7);
      line(cx - size / 3, cy + size * 0.7, cx + size, cy - size * 0.7);
    } else if (button.id === 'cancel') {
      line(cx - size, cy - size, cx + size, cy + size);
      line(cx - size, cy + size, cx + size, cy - size);
    } else {
      // ↺: most of a circle and the arrow's head at its open end.
      for (let a = 0.6; a < Math.PI * 2 - 0.2; a += 0.02) dot(cx + Math.cos(a) * size, cy + Math.sin(a) * size);
      const ex = cx + Math.cos(0.6) * size;
      const ey = cy + Math.sin(0.6) * size;
      line(ex, ey, ex + size * 0.4, ey);
      line(ex, ey, ex, ey - size * 0.4);
    }
  }
  return { width, height, format: 'grey', data };
}

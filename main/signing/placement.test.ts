import { describe, expect, it } from 'vitest';
import { placeStrokes } from './placement';

const area = { x: 100, y: 200, width: 200, height: 50 };
const inside = (p: { x: number; y: number }) => p.x >= area.x - 1e-9 && p.x <= area.x + area.width + 1e-9 && p.y >= area.y - 1e-9 && p.y <= area.y + area.height + 1e-9;

describe('placing strokes in the signature field', () => {
  it('fills the field without distortion, centred, and turns the screen’s y-down into the PDF’s y-up', () => {
    // A 100 × 100 pixel square drawn in a corner of a large signing area.
    const placed = placeStrokes(
      [
        [
          { x: 500, y: 300 },
          { x: 600, y: 300 },
          { x: 600, y: 400 },
        ],
      ],
      area,
    );
    expect(placed).toEqual([
      [
        { x: 175, y: 250 },
        { x: 225, y: 250 },
        { x: 225, y: 200 },
      ],
    ]);
  });

  it('keeps a long signature inside the field, with its proportions', () => {
    const stroke = Array.from({ length: 50 }, (_, i) => ({ x: i * 20, y: 40 + 30 * Math.sin(i / 3) }));
    const [placed = []] = placeStrokes([stroke], area);
    expect(placed.every(inside)).toBe(true);
    const span = (points: { x: number; y: number }[], axis: 'x' | 'y') => Math.max(...points.map((p) => p[axis])) - Math.min(...points.map((p) => p[axis]));
    expect(span(placed, 'x') / span(placed, 'y')).toBeCloseTo(span(stroke, 'x') / span(stroke, 'y'), 6);
    expect(span(placed, 'x')).toBeCloseTo(area.width, 6);
  });

  it('draws a straight line and a single dot without dividing by zero', () => {
    const [line = []] = placeStrokes(
      [
        [
          { x: 0, y: 10 },
          { x: 300, y: 10 },
        ],
      ],
      area,
    );
    expect(line.map((p) => [p.x, Number(p.y.toFixed(6))])).toEqual([
      [100, 225],
      [300, 225],
    ]);
    const [dot = []] = placeStrokes([[{ x: 7, y: 7 }]], area);
    expect(dot.every(inside)).toBe(true);
    expect(placeStrokes([], area)).toEqual([]);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIN_WINDOW_SIZE } from './window-options';
import { WINDOW_STATE_FILE, defaultWindowState, isReachable, readWindowState, writeWindowState, type WindowState } from './window-state';

const fullHd = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };
const single = { workAreas: [fullHd], primary: fullHd };
const dual = { workAreas: [fullHd, rightMonitor], primary: fullHd };

describe('window state', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'lete-window-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const saved: WindowState = { bounds: { x: 100, y: 80, width: 1400, height: 900 }, maximized: false };

  it('round-trips through the file', () => {
    expect(writeWindowState(dir, saved)).toBe(true);
    expect(readWindowState(dir, single)).toEqual(saved);
    expect(JSON.parse(readFileSync(join(dir, WINDOW_STATE_FILE), 'utf8'))).toEqual(saved);
  });

  it('leaves no temporary file behind and creates a missing data folder', () => {
    const nested = join(dir, 'a', 'b');
    expect(writeWindowState(nested, saved)).toBe(true);
    expect(readdirSync(nested)).toEqual([WINDOW_STATE_FILE]);
  });

  it('rounds fractional pixels instead of refusing them', () => {
    writeWindowState(dir, { bounds: { x: 10.4, y: 20.6, width: 1300.5, height: 800.2 }, maximized: true });
    expect(readWindowState(dir, single)).toEqual({ bounds: { x: 10, y: 21, width: 1301, height: 800 }, maximized: true });
  });

  it('does not write an invalid state', () => {
    expect(writeWindowState(dir, { bounds: { x: 0, y: 0, width: -5, height: 10 }, maximized: false })).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('falls back to the default for a missing file', () => {
    expect(readWindowState(dir, single)).toEqual(defaultWindowState(fullHd));
  });

  it.each([
    ['truncated JSON', '{"bounds": {"x": 1'],
    ['not JSON', 'hello'],
    ['empty', ''],
    ['wrong shape', JSON.stringify({ x: 1, y: 2 })],
    ['string numbers', JSON.stringify({ bounds: { x: '1', y: 2, width: 1200, height: 800 }, maximized: false })],
    ['zero size', JSON.stringify({ bounds: { x: 1, y: 2, width: 0, height: 800 }, maximized: false })],
    ['absurd size', JSON.stringify({ bounds: { x: 1, y: 2, width: 1e9, height: 800 }, maximized: false })],
    ['NaN-ish', '{"bounds":{"x":null,"y":0,"width":1200,"height":800},"maximized":false}'],
    ['maximized missing', JSON.stringify({ bounds: { x: 1, y: 2, width: 1200, height: 800 } })],
  ])('falls back to the default for a corrupt file (%s)', (_name, content) => {
    writeFileSync(join(dir, WINDOW_STATE_FILE), content);
    expect(readWindowState(dir, single)).toEqual(defaultWindowState(fullHd));
  });

  it('falls back to the default when the saved display is gone', () => {
    const onRight: WindowState = { bounds: { x: 2200, y: 100, width: 1600, height: 1000 }, maximized: false };
    writeWindowState(dir, onRight);
    expect(readWindowState(dir, dual)).toEqual(onRight);
    expect(readWindowState(dir, single)).toEqual(defaultWindowState(fullHd));
  });

  it('shrinks a window larger than every display that is left', () => {
    writeWindowState(dir, { bounds: { x: 0, y: 0, width: 2500, height: 1380 }, maximized: false });
    expect(readWindowState(dir, single).bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1040 });
  });

  it('uses the primary display when no work areas are reported', () => {
    writeWindowState(dir, saved);
    expect(readWindowState(dir, { workAreas: [], primary: fullHd })).toEqual(saved);
  });
});

describe('reachability', () => {
  it('needs a grabbable part of the title bar on some display', () => {
    expect(isReachable({ x: 100, y: 100, width: 1200, height: 800 }, [fullHd])).toBe(true);
    // Mostly off to the right, but 200 px of title bar still on screen.
    expect(isReachable({ x: 1720, y: 100, width: 1200, height: 800 }, [fullHd])).toBe(true);
    // Only a sliver on screen.
    expect(isReachable({ x: 1880, y: 100, width: 1200, height: 800 }, [fullHd])).toBe(false);
    // Title bar above the top of the screen, body visible: cannot be moved.
    expect(isReachable({ x: 100, y: -200, width: 1200, height: 800 }, [fullHd])).toBe(false);
    // Below the bottom.
    expect(isReachable({ x: 100, y: 1030, width: 1200, height: 800 }, [fullHd])).toBe(false);
    // Spanning two displays.
    expect(isReachable({ x: 1800, y: 0, width: 1200, height: 800 }, [fullHd, rightMonitor])).toBe(true);
  });
});

describe('default state', () => {
  it('is 1280×800, centred and maximised on a large display', () => {
    expect(defaultWindowState(fullHd)).toEqual({ bounds: { x: 320, y: 120, width: 1280, height: 800 }, maximized: true });
    expect(defaultWindowState(rightMonitor).bounds.x).toBe(1920 + 640);
  });

  it('fits a small display, but never below the minimum size', () => {
    const laptop = { x: 0, y: 0, width: 1366, height: 728 };
    expect(defaultWindowState(laptop).bounds).toEqual({ x: 43, y: 0, width: 1280, height: 728 });
    const tiny = { x: 0, y: 0, width: 800, height: 600 };
    expect(defaultWindowState(tiny).bounds).toMatchObject({ width: MIN_WINDOW_SIZE.width, height: MIN_WINDOW_SIZE.height });
  });
});

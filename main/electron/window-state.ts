import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { MIN_WINDOW_SIZE } from './window-options';

/*
 * Where the main window was, so it reopens there. Kept in its own small JSON file beside the
 * database rather than in it: it is per-machine display state, not desk data, and a broken file
 * must cost nothing but a default window.
 */

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

const Pixels = z.number().int().min(-100_000).max(100_000);
const Size = z.number().int().min(1).max(100_000);

export const WindowState = z.object({
  /** The normal (not maximised) bounds, so un-maximising returns to them. */
  bounds: z.object({ x: Pixels, y: Pixels, width: Size, height: Size }),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

const DEFAULT_SIZE = { width: 1280, height: 800 };

/**
 * A first launch: 1280×800 (or the work area, if smaller) centred on the primary display, opened
 * maximised — a desk runs Lete as its one full-screen application.
 */
export function defaultWindowState(primaryWorkArea: Rectangle): WindowState {
  const width = Math.max(MIN_WINDOW_SIZE.width, Math.min(DEFAULT_SIZE.width, primaryWorkArea.width));
  const height = Math.max(MIN_WINDOW_SIZE.height, Math.min(DEFAULT_SIZE.height, primaryWorkArea.height));
  return {
    bounds: {
      x: Math.round(primaryWorkArea.x + (primaryWorkArea.width - width) / 2),
      y: Math.round(primaryWorkArea.y + (primaryWorkArea.height - height) / 2),
      width,
      height,
    },
    maximized: true,
  };
}

/** How much of the title bar must lie on one display for the clerk to grab and move the window. */
const GRAB = { width: 120, height: 24, band: 32 };

function overlap(aStart: number, aLength: number, bStart: number, bLength: number): number {
  return Math.max(0, Math.min(aStart + aLength, bStart + bLength) - Math.max(aStart, bStart));
}

/**
 * Can the clerk reach the window? Its top band (where the title bar is) must be on some display
 * by a grabbable amount. A monitor unplugged since the last session, or a change of resolution,
 * leaves saved bounds pointing at nothing.
 */
export function isReachable(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  return workAreas.some(
    (area) =>
      overlap(bounds.x, bounds.width, area.x, area.width) >= GRAB.width &&
      overlap(bounds.y, Math.min(GRAB.band, bounds.height), area.y, area.height) >= Math.min(GRAB.height, bounds.height),
  );
}

/** Shrinks a window larger than every display (a smaller monitor now) to the largest work area. */
function fitted(bounds: Rectangle, workAreas: readonly Rectangle[]): Rectangle {
  const largest = workAreas.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  const fits = workAreas.some((area) => bounds.width <= area.width && bounds.height <= area.height);
  if (fits) return bounds;
  return {
    ...bounds,
    width: Math.max(MIN_WINDOW_SIZE.width, Math.min(bounds.width, largest.width)),
    height: Math.max(MIN_WINDOW_SIZE.height, Math.min(bounds.height, largest.height)),
  };
}

/**
 * The saved state if it is readable, valid and still on screen; otherwise the default. Never throws:
 * a missing, truncated or hand-edited file is just a first launch.
 */
export function readWindowState(
  dataDir: string,
  displays: { workAreas: readonly Rectangle[]; primary: Rectangle },
): WindowState {
  const fallback = defaultWindowState(displays.primary);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(join(dataDir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return fallback;
  }
  const parsed = WindowState.safeParse(raw);
  const workAreas = displays.workAreas.length > 0 ? displays.workAreas : [displays.primary];
  if (!parsed.success || !isReachable(parsed.data.bounds, workAreas)) return fallback;
  return { ...parsed.data, bounds: fitted(parsed.data.bounds, workAreas) };
}

/**
 * Written through a temporary file and a rename, so a crash or power cut mid-write leaves the old
 * file or the new one, never half of one. Failing to save is not worth bothering the clerk about.
 */
export function writeWindowState(dataDir: string, state: WindowState): boolean {
  // Electron reports whole pixels, but a fractional display scale must not make the file invalid.
  const { x, y, width, height } = state.bounds;
  const rounded = { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
  const parsed = WindowState.safeParse({ bounds: rounded, maximized: state.maximized });
  if (!parsed.success) return false;
  const file = join(dataDir, WINDOW_STATE_FILE);
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify(parsed.data, null, 2)}\n`, { encoding: 'utf8', mode: 0o600 });
    renameSync(temporary, file);
    return true;
  } catch {
    return false;
  }
}

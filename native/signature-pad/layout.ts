import type { Point, Size } from './coordinates';

export type ButtonId = 'ok' | 'clear' | 'cancel';

/** LCD pixels from the top-left corner; contains x ≤ px < x + width. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PromptButton {
  id: ButtonId;
  label: string;
  rect: Rect;
}

/** Where the renderer draws the prompt's parts, and where the pen's taps are looked up: one source for both. */
export interface PromptLayout {
  lcd: Size;
  signingArea: Rect;
  buttons: PromptButton[];
}

const BUTTONS: ReadonlyArray<{ id: ButtonId; label: string }> = [
  { id: 'ok', label: 'Labi' },
  { id: 'clear', label: 'Notīrīt' },
  { id: 'cancel', label: 'Atcelt' },
];

/**
 * Buttons along the bottom seventh of the screen, or, on a letterbox screen like the STU-300's
 * 396 × 100 where a seventh would be 14 pixels, stacked in the right quarter: the split Wacom's
 * DemoButtons samples use.
 */
export function promptLayout(pad: { lcd: Size }): PromptLayout {
  const { width, height } = pad.lcd;
  if (width >= height * 3) {
    const left = Math.round((width * 3) / 4);
    return {
      lcd: { width, height },
      signingArea: { x: 0, y: 0, width: left, height },
      buttons: BUTTONS.map((button, i) => {
        const row = segment(height, i);
        return { ...button, rect: { x: left, y: row.start, width: width - left, height: row.size } };
      }),
    };
  }
  const top = Math.round((height * 6) / 7);
  return {
    lcd: { width, height },
    signingArea: { x: 0, y: 0, width, height: top },
    buttons: BUTTONS.map((button, i) => {
      const column = segment(width, i);
      return { ...button, rect: { x: column.start, y: top, width: column.size, height: height - top } };
    }),
  };
}

/** The i-th of equal parts, the rounding left over going to the last so the buttons cover the whole edge. */
function segment(length: number, i: number): { start: number; size: number } {
  const size = Math.floor(length / BUTTONS.length);
  const start = i * size;
  return { start, size: i === BUTTONS.length - 1 ? length - start : size };
}

export function hitButton(layout: PromptLayout, point: Point): ButtonId | null {
  const hit = layout.buttons.find(
    ({ rect }) => point.x >= rect.x && point.x < rect.x + rect.width && point.y >= rect.y && point.y < rect.y + rect.height,
  );
  return hit?.id ?? null;
}

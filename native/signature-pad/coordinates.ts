export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** The digitizer's range: pen coordinates run from 0 to these maxima across the whole LCD. */
export interface TabletRange {
  maxX: number;
  maxY: number;
}

/**
 * Tablet units to LCD pixels, by proportion as Wacom's STU SDK samples do (`x * screenWidth / tabletMaxX`).
 * Kept fractional: the capture stores the precise position, hit-testing does not care.
 */
export function tabletToLcd(point: Point, tablet: TabletRange, lcd: Size): Point {
  return { x: (point.x * lcd.width) / tablet.maxX, y: (point.y * lcd.height) / tablet.maxY };
}

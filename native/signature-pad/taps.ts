import type { Point } from './coordinates';
import { hitButton, type ButtonId, type PromptLayout } from './layout';

export interface TapResult {
  /** The sample belongs to a pen-down that started on a button: a press, not ink. */
  onButton: boolean;
  /** Set on the pen-up that ends a press inside the same button it started on. */
  tapped: ButtonId | null;
}

/**
 * Button presses the way Wacom's DemoButtons samples read them: the pen goes down on a button and
 * comes up still inside it. Sliding off the button cancels the press, and a stroke that starts in the
 * signing area never presses anything, however far it runs.
 */
export class TapDetector {
  private down = false;
  private pressed: ButtonId | null = null;
  private lastDown: Point | null = null;

  constructor(private readonly layout: PromptLayout) {}

  feed(point: Point, tip: boolean): TapResult {
    if (tip) {
      if (!this.down) {
        this.down = true;
        this.pressed = hitButton(this.layout, point);
      }
      this.lastDown = point;
      return { onButton: this.pressed !== null, tapped: null };
    }
    if (!this.down) return { onButton: false, tapped: null };
    const pressed = this.pressed;
    this.down = false;
    this.pressed = null;
    // The lift-off is judged where the tip last touched: the pen-up report's own position is a hover reading.
    const tapped = pressed !== null && this.lastDown && hitButton(this.layout, this.lastDown) === pressed ? pressed : null;
    return { onButton: pressed !== null, tapped };
  }
}

import { describe, expect, it } from 'vitest';
import { hitButton, promptLayout } from './layout';

describe('prompt layout', () => {
  it('puts OK, Clear and Cancel side by side along the bottom of an 800 × 480 screen, covering its width', () => {
    const layout = promptLayout({ lcd: { width: 800, height: 480 } });
    expect(layout.signingArea).toEqual({ x: 0, y: 0, width: 800, height: 411 });
    expect(layout.buttons).toEqual([
      { id: 'ok', label: 'Labi', rect: { x: 0, y: 411, width: 266, height: 69 } },
      { id: 'clear', label: 'Notīrīt', rect: { x: 266, y: 411, width: 266, height: 69 } },
      { id: 'cancel', label: 'Atcelt', rect: { x: 532, y: 411, width: 268, height: 69 } },
    ]);
  });

  it('stacks the buttons in the right quarter of the STU-300’s letterbox screen', () => {
    const layout = promptLayout({ lcd: { width: 396, height: 100 } });
    expect(layout.signingArea).toEqual({ x: 0, y: 0, width: 297, height: 100 });
    expect(layout.buttons.map((b) => b.rect)).toEqual([
      { x: 297, y: 0, width: 99, height: 33 },
      { x: 297, y: 33, width: 99, height: 33 },
      { x: 297, y: 66, width: 99, height: 34 },
    ]);
  });

  it('keeps the buttons out of the signing area on every STU screen', () => {
    for (const lcd of [{ width: 320, height: 200 }, { width: 640, height: 480 }, { width: 800, height: 480 }, { width: 396, height: 100 }]) {
      const { signingArea, buttons } = promptLayout({ lcd });
      for (const { rect } of buttons) {
        const overlaps = rect.x < signingArea.x + signingArea.width && rect.y < signingArea.y + signingArea.height;
        expect(overlaps).toBe(false);
      }
    }
  });
});

describe('hitButton', () => {
  const layout = promptLayout({ lcd: { width: 320, height: 200 } });

  it('finds the button under a point, edges included on the top-left and excluded on the bottom-right', () => {
    expect(hitButton(layout, { x: 50, y: 190 })).toBe('ok');
    expect(hitButton(layout, { x: 106, y: 171 })).toBe('clear');
    expect(hitButton(layout, { x: 319.5, y: 199.5 })).toBe('cancel');
    expect(hitButton(layout, { x: 105.9, y: 171 })).toBe('ok');
  });

  it('finds nothing in the signing area or off the screen', () => {
    expect(hitButton(layout, { x: 160, y: 100 })).toBeNull();
    expect(hitButton(layout, { x: 160, y: 170.9 })).toBeNull();
    expect(hitButton(layout, { x: 320, y: 190 })).toBeNull();
  });
});

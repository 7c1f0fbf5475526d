import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import type { ScreenSample } from '../../../preload/contract';
import type { SignatureRecorder } from './capture';

const INK = '#0a2f52';
const INK_WIDTH = 2.5;

interface Props {
  recorder: SignatureRecorder;
  /** Changes when the recorder was cleared, so the canvas is wiped too. */
  generation: number;
  label: string;
  describedBy: string;
  onInk(): void;
}

/** The pointer's positions since the last event: a fast pen moves several times per frame. */
function readingsOf(event: PointerEvent): PointerEvent[] {
  const coalesced = typeof event.getCoalescedEvents === 'function' ? event.getCoalescedEvents() : [];
  return coalesced.length > 0 ? coalesced : [event];
}

function drawSegment(context: CanvasRenderingContext2D, width: number, height: number, from: ScreenSample, to: ScreenSample) {
  context.beginPath();
  context.moveTo(from[0] * width, from[1] * height);
  context.lineTo(to[0] * width, to[1] * height);
  context.stroke();
}

/** The canvas's 2D context, set up for ink. */
function inkContext(element: HTMLCanvasElement): CanvasRenderingContext2D | null {
  const context = element.getContext('2d');
  if (context) {
    context.strokeStyle = INK;
    context.lineWidth = INK_WIDTH;
    context.lineCap = 'round';
    context.lineJoin = 'round';
  }
  return context;
}

/** The backing store follows the displayed size and the screen's pixel density, then the ink is redrawn. */
function paint(element: HTMLCanvasElement, samples: readonly ScreenSample[]) {
  const ratio = window.devicePixelRatio || 1;
  const { clientWidth: width, clientHeight: height } = element;
  element.width = Math.round(width * ratio);
  element.height = Math.round(height * ratio);
  const context = inkContext(element);
  if (!context) return;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  samples.forEach((sample, i) => {
    const previous = samples[i - 1];
    if (sample[5] && previous?.[5]) drawSegment(context, width, height, previous, sample);
  });
}

/**
 * The area the client signs in. Every sample goes to the recorder; the ink is drawn from the
 * recorder's normalised samples, so a resized area redraws the same signature.
 */
export function SignatureCanvas({ recorder, generation, label, describedBy, onInk }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const activePointer = useRef<number | null>(null);

  // Repainted when the recorder is cleared (a new generation) and whenever the area changes size.
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    paint(element, recorder.all);
    const observer = new ResizeObserver(() => paint(element, recorder.all));
    observer.observe(element);
    return () => observer.disconnect();
  }, [generation, recorder]);

  function record(event: PointerEvent, tip: boolean) {
    const element = canvas.current;
    if (!element) return;
    const area = element.getBoundingClientRect();
    const context = inkContext(element);
    for (const reading of readingsOf(event)) {
      const previous = recorder.all.at(-1);
      if (!recorder.add(reading, area, tip)) break;
      const current = recorder.all.at(-1);
      if (context && current && previous?.[5] && current[5]) drawSegment(context, area.width, area.height, previous, current);
    }
    onInk();
  }

  function down(e: ReactPointerEvent<HTMLCanvasElement>) {
    if (activePointer.current !== null || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    // Captured, so a stroke that runs past the edge still ends where the pen lifts.
    e.currentTarget.setPointerCapture(e.pointerId);
    activePointer.current = e.pointerId;
    record(e.nativeEvent, true);
  }

  function move(e: ReactPointerEvent<HTMLCanvasElement>) {
    if (activePointer.current !== e.pointerId) return;
    record(e.nativeEvent, true);
  }

  function up(e: ReactPointerEvent<HTMLCanvasElement>) {
    if (activePointer.current !== e.pointerId) return;
    activePointer.current = null;
    record(e.nativeEvent, false);
  }

  return (
    <canvas
      ref={canvas}
      className="signing-canvas"
      role="img"
      tabIndex={0}
      aria-label={label}
      aria-describedby={describedBy}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
    />
  );
}

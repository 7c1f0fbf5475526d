/**
 * Wacom STU signature pads over node-hid: find and open a pad (hid), learn what it is (identify), take
 * one signature (state) and hand it on as plain data (capture). The renderer draws the prompt to the
 * size and layout given here (layout); image encoding and the byte codec stay inside.
 */
export { strokes, type CaptureDevice, type PenSample, type SignatureCapture, type StrokePoint } from './capture';
export type { Point, Size } from './coordinates';
export { SignaturePadError, type SignaturePadErrorCode } from './errors';
export { connectPad, listPads, openPad, watchPads, type PadInfo } from './hid';
export { identifyPad, type PadProfile } from './identify';
export type { Raster } from './image';
export { hitButton, promptLayout, type ButtonId, type PromptButton, type PromptLayout, type Rect } from './layout';
export { captureSignature, type CaptureOutcome, type CaptureRequest, type PadTiming, type ReportCounts } from './state';
export type { PadTransport } from './transport';

import { describe, expect, it } from 'vitest';
import { isAllowedPrintRequest, printWindowOptions, PRINT_PARTITION } from './print';

describe('the PDF print viewer window', () => {
  it('runs none of our code and keeps to a session of its own', () => {
    const options = printWindowOptions('Pieteikums 1001 10200');
    expect(options.webPreferences).toMatchObject({ partition: PRINT_PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(options.webPreferences?.preload).toBeUndefined();
  });

  it('loads only the one PDF and the viewer itself', () => {
    const pdf = '/tmp/lete-print-x/pieteikums.pdf';
    expect(isAllowedPrintRequest('file:///tmp/lete-print-x/pieteikums.pdf', pdf)).toBe(true);
    expect(isAllowedPrintRequest('chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', pdf)).toBe(true);
    expect(isAllowedPrintRequest('file:///etc/passwd', pdf)).toBe(false);
    expect(isAllowedPrintRequest('https://example.com/track.gif', pdf)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { capabilitiesOf, errorCodeFor, parseDeviceList, parseOptions } from './sane-output';

/** `scanimage -A` of sane-airscan 0.99.27 for an eSCL scanner (recorded). */
const AIRSCAN = `
All options specific to device \`airscan:e0:Lete test':
  Standard:
    --resolution 75|100|150|200|300|600dpi [300]
        Sets the resolution of the scanned image.
    --mode Color|Gray [Color]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --source Flatbed|ADF|ADF Duplex [Flatbed]
        Selects the scan source (such as a document-feeder).
  Geometry:
    -l 0..215.9mm [0]
        Top-left x position of scan area.
`;

/** The SANE test backend's lines for the same options (recorded, sane-backends 1.2.1). */
const TEST_BACKEND = `
    --mode Gray|Color [Gray]
        Selects the scan mode (e.g., lineart, monochrome, or color).
    --resolution 1..1200dpi (in steps of 1) [0.000762939]
        Sets the resolution of the scanned image.
    --source Flatbed|Automatic Document Feeder [Flatbed]
        If Automatic Document Feeder is selected, the feeder will be 'empty'
`;

/** Names as document scanners' SANE backends spell them (fujitsu, brother4), in scanimage's format. */
const SHEETFED = `
    --source ADF Front|ADF Back|ADF Duplex [ADF Front]
    --mode Lineart|Halftone|Gray|Color [Lineart]
    --resolution 50..600dpi (in steps of 50) [300]
`;
const BROTHER = `
    --mode Black & White|Gray[Error Diffusion]|True Gray|24bit Color[Fast]|24bit Color [24bit Color[Fast]]
    --source FlatBed|Automatic Document Feeder(left aligned)|Automatic Document Feeder(left aligned,Duplex) [Automatic Document Feeder(left aligned)]
    --resolution 100|150|200|300|400|600|1200|2400|4800|9600dpi [200]
`;

describe('reading scanimage output', () => {
  it('lists devices from the formatted listing, naming them by vendor and model', () => {
    const stdout = 'airscan:e0:Lete test\teSCL\tLete test\tip=127.0.0.1\ntest:0\tNoname\tfrontend-tester\tvirtual device\n';
    expect(parseDeviceList(stdout)).toEqual([
      { id: 'airscan:e0:Lete test', name: 'eSCL Lete test', backend: 'sane', detail: 'ip=127.0.0.1 (airscan:e0:Lete test)' },
      { id: 'test:0', name: 'frontend-tester', backend: 'sane', detail: 'virtual device (test:0)' },
    ]);
  });

  it('finds no devices in an empty listing', () => {
    expect(parseDeviceList('')).toEqual([]);
  });

  it("maps sane-airscan's sources, modes and resolutions", () => {
    const options = parseOptions(AIRSCAN);
    expect(capabilitiesOf(options)).toEqual({ sources: ['flatbed', 'feeder', 'duplex'], colourModes: ['colour', 'grey'], resolutions: [75, 100, 150, 200, 300, 600] });
    expect([...options.sources]).toEqual([['flatbed', 'Flatbed'], ['feeder', 'ADF'], ['duplex', 'ADF Duplex']]);
  });

  it('offers the common resolutions within a range', () => {
    expect(capabilitiesOf(parseOptions(TEST_BACKEND)).resolutions).toEqual([50, 75, 100, 150, 200, 300, 400, 600, 1200]);
    expect(capabilitiesOf(parseOptions(SHEETFED)).resolutions).toEqual([50, 100, 150, 200, 300, 400, 600]);
  });

  it('leaves out the back side alone and dithered modes', () => {
    const options = parseOptions(SHEETFED);
    expect([...options.sources]).toEqual([['feeder', 'ADF Front'], ['duplex', 'ADF Duplex']]);
    expect([...options.modes]).toEqual([['lineart', 'Lineart'], ['grey', 'Gray'], ['colour', 'Color']]);
  });

  it('picks the plain grey among vendor variants', () => {
    const options = parseOptions(BROTHER);
    expect(options.modes.get('grey')).toBe('True Gray');
    expect(options.modes.get('lineart')).toBe('Black & White');
    expect(options.sources.get('duplex')).toBe('Automatic Document Feeder(left aligned,Duplex)');
    expect(options.sources.get('flatbed')).toBe('FlatBed');
  });

  it('takes a device without a source option for a flatbed', () => {
    expect(capabilitiesOf(parseOptions('    --mode Color [Color]\n')).sources).toEqual(['flatbed']);
  });

  it.each([
    ['scanimage: sane_read: Document feeder jammed', 6, 'jammed'],
    ['scanimage: sane_start: Document feeder out of documents', 7, 'feeder_empty'],
    ['scanimage: sane_read: Scanner cover is open', 8, 'cover_open'],
    ['scanimage: open of device epson2:libusb:001:004 failed: Device busy', 3, 'busy'],
    ['scanimage: sane_read: Error during device I/O', 9, 'unplugged'],
    ['scanimage: open of device test:9 failed: Invalid argument', 1, 'unplugged'],
    ['scanimage: sane_start: Operation was cancelled', 2, 'cancelled'],
    ['', 6, 'jammed'],
    ['scanimage: sane_read: Out of memory', 10, 'failed'],
  ] as const)('reads "%s" (exit %d) as %s', (stderr, exit, code) => {
    expect(errorCodeFor(stderr, exit)).toBe(code);
  });
});

import { describe, expect, it } from 'vitest';
import { naps2Failure, naps2ListArgs, naps2ScanArgs, parseNaps2DeviceId, parseNaps2Devices } from './naps2';

describe('NAPS2 console: the command lines', () => {
  it('lists the devices of one driver', () => {
    expect(naps2ListArgs('twain')).toEqual(['--listdevices', '--driver', 'twain']);
  });

  it('scans with the chosen driver and device and our settings, not a saved profile', () => {
    const args = naps2ScanArgs('twain:Canon DR-C225', { source: 'duplex', colourMode: 'grey', resolution: 200 }, 'C:\\Temp\\p$(nnnn).jpg');
    expect(args).toEqual([
      '-o', 'C:\\Temp\\p$(nnnn).jpg',
      '--noprofile',
      '--driver', 'twain',
      '--device', 'Canon DR-C225',
      '--source', 'duplex',
      '--dpi', '200',
      '--bitdepth', 'gray',
      '--pagesize', 'a4',
      '--jpegquality', '85',
      '--force',
      '--verbose',
    ]);
  });

  it('maps the glass and line art to its words', () => {
    const args = naps2ScanArgs('wia:HP', { source: 'flatbed', colourMode: 'lineart', resolution: 300 }, 'p.png');
    expect(args).toEqual(expect.arrayContaining(['glass', 'bw']));
  });

  it('keeps a device name that contains a colon whole', () => {
    expect(parseNaps2DeviceId('wia:Canon: DR-C225')).toEqual({ driver: 'wia', name: 'Canon: DR-C225' });
    expect(() => parseNaps2DeviceId('sane:test:0')).toThrow();
  });
});

describe('NAPS2 console: the outputs', () => {
  it('reads --listdevices, one name a line', () => {
    expect(parseNaps2Devices('Canon DR-C225\r\nWIA-HP LaserJet MFP M140w\r\n\r\n', 'wia')).toEqual([
      { id: 'wia:Canon DR-C225', name: 'Canon DR-C225', backend: 'naps2', detail: 'NAPS2, WIA' },
      { id: 'wia:WIA-HP LaserJet MFP M140w', name: 'WIA-HP LaserJet MFP M140w', backend: 'naps2', detail: 'NAPS2, WIA' },
    ]);
  });

  it('sees a finished verbose scan as a success', () => {
    const stdout = 'Beginning scan...\r\nStarting scan 1 of 1...\r\nScanned page 1.\r\nScanned page 2.\r\n2 page(s) scanned.\r\nExporting...\r\nExporting image 1 of 2...\r\nExporting image 2 of 2...\r\n';
    expect(naps2Failure(stdout, 0)).toBeNull();
  });

  it.each([
    ['Beginning scan...\r\nScanned page 1.\r\nThe scanner has a paper jam.\r\n1 page(s) scanned.\r\n', 'jammed'],
    ['Beginning scan...\r\nNo pages are in the feeder.\r\nNo scanned pages to export.\r\n', 'feeder_empty'],
    ['Beginning scan...\r\nPadevē nav lapu.\r\n', 'feeder_empty'],
    ["The scanner's cover is open.\r\n", 'cover_open'],
    ['Izvēlētais skeneris ir aizņemts.\r\n', 'busy'],
    ['The selected scanner is offline.\r\n', 'unplugged'],
    ['The selected scanner could not be found.\r\n', 'unplugged'],
    ['No scanning device was found.\r\n', 'no_scanner'],
    ['An error occurred with the scanning driver.\r\n', 'failed'],
  ] as const)('reads %j as %s', (stdout, code) => {
    expect(naps2Failure(stdout, 1)).toBe(code);
  });
});

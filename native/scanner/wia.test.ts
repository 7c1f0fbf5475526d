import { describe, expect, it } from 'vitest';
import { parseWiaCapabilities, parseWiaDevices, powershellArgs, psString, wiaCapabilitiesScript, wiaFailure, wiaListScript, wiaScanScript } from './wia';

const DEVICE_ID = '{6BDD1FC6-810F-11D0-BEC7-08002BE2092F}\\0001';

function decoded(args: readonly string[]): string {
  return Buffer.from(args.at(-1) ?? '', 'base64').toString('utf16le');
}

describe('WIA through PowerShell: the command lines', () => {
  it('passes the script encoded, so no quoting of the command line can break it', () => {
    const args = powershellArgs(wiaListScript());
    expect(args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(decoded(args)).toBe(wiaListScript());
  });

  it("quotes a device name's apostrophes, typographic ones too", () => {
    expect(psString("Clerk's ‘HP’")).toBe("'Clerk''s ‘‘HP’’'");
  });

  it('lists only scanners (WIA device type 1)', () => {
    expect(wiaListScript()).toContain('$info.Type -eq 1');
  });

  it('reads the document handling capabilities and the resolution property of the device asked for', () => {
    const script = wiaCapabilitiesScript(DEVICE_ID);
    expect(script).toContain(`Connect-Scanner '${DEVICE_ID}'`);
    expect(script).toContain('PropertyID -eq 3086');
    expect(script).toContain('PropertyID -eq 6147');
  });

  it('scans a duplex grey batch of at most 4 pages at 200 dpi as JPEG, without dialogs', () => {
    const script = wiaScanScript(DEVICE_ID, { source: 'duplex', colourMode: 'grey', resolution: 200, maxPages: 4 }, 'C:\\Temp\\lete-scan-1');
    expect(script).toContain('if ($p.PropertyID -eq 3088) { $p.Value = 5 }');
    expect(script).toContain('if ($p.PropertyID -eq 6146) { $p.Value = 2 }');
    expect(script).toContain('$p.PropertyID -eq 6148) { $p.Value = 200 }');
    expect(script).toContain("$format = '{B96B3CAE-0728-11D3-9D7B-0000F81EF32E}'");
    expect(script).toContain('$item.Transfer($format)');
    expect(script).toContain('if (4 -gt 0 -and $page -ge 4) { break }');
    expect(script).toContain("Join-Path 'C:\\Temp\\lete-scan-1' ('p{0:D4}.jpg' -f $page)");
    expect(script).not.toContain('CommonDialog');
  });

  it('takes one page from the glass, and line art as PNG', () => {
    const script = wiaScanScript(DEVICE_ID, { source: 'flatbed', colourMode: 'lineart', resolution: 300 }, 'C:\\Temp\\x');
    expect(script).toContain('{ $p.Value = 2 }');
    expect(script).toContain('if (1 -gt 0 -and $page -ge 1) { break }');
    expect(script).toContain("$format = '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}'");
    expect(script).toContain("'p{0:D4}.png'");
  });
});

describe('WIA through PowerShell: the outputs', () => {
  it('reads the device list', () => {
    const stdout = `DEVICES [{"id":"${DEVICE_ID.replace('\\', '\\\\')}","name":"Canon DR-C225","manufacturer":"Canon"},{"id":"x","name":null,"manufacturer":null}]\r\n`;
    expect(parseWiaDevices(stdout)).toEqual([
      { id: DEVICE_ID, name: 'Canon DR-C225', backend: 'wia', detail: 'Canon (WIA)' },
      { id: 'x', name: 'x', backend: 'wia', detail: 'WIA' },
    ]);
    expect(parseWiaDevices('DEVICES []\r\n')).toEqual([]);
  });

  it('reads capabilities given as a list of resolutions', () => {
    const stdout = 'CAPABILITIES {"handling":7,"resolutions":[100,150,200,300,600],"min":0,"max":0,"step":0}\r\n';
    expect(parseWiaCapabilities(stdout)).toEqual({ sources: ['flatbed', 'feeder', 'duplex'], colourModes: ['colour', 'grey', 'lineart'], resolutions: [100, 150, 200, 300, 600] });
  });

  it('reads capabilities given as a range, on a feeder-only scanner', () => {
    const stdout = 'CAPABILITIES {"handling":1,"resolutions":[],"min":75,"max":600,"step":1}\r\n';
    expect(parseWiaCapabilities(stdout)).toMatchObject({ sources: ['feeder'], resolutions: [75, 100, 150, 200, 300, 400, 600] });
  });

  it.each([
    ['ERROR 80210002 Paper is jammed in the scanner document feeder.', 'jammed'],
    ['ERROR 80210003 There are no documents in the document feeder.', 'feeder_empty'],
    ['ERROR 80210016 The scanner cover is open.', 'cover_open'],
    ['ERROR 80210006 The device is busy.', 'busy'],
    ['ERROR 8021000A Communication with the WIA device failed.', 'unplugged'],
    ['ERROR 80210015 not connected', 'unplugged'],
    ['ERROR 80004005 Unspecified error', 'failed'],
  ] as const)('reads "%s" as %s', (line, code) => {
    expect(wiaFailure(['PAGE C:\\Temp\\p0000.jpg', line])).toBe(code);
  });

  it('sees no failure when there is no ERROR line', () => {
    expect(wiaFailure(['PAGE C:\\Temp\\p0000.jpg'])).toBeNull();
  });
});

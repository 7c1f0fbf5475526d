import { describe, expect, it } from 'vitest';
import { parseCapabilities, parseScanSettings, parseStatus, problemOf, scanSettingsXml, toScannerCapabilities } from './escl-xml';

/**
 * A flatbed-only device describing its resolutions as a range and leaving out the namespace
 * prefix on some elements, as some firmware does.
 */
const FLATBED_WITH_RANGE = `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm">
  <pwg:Version>2.5</pwg:Version>
  <pwg:MakeAndModel>Canon MF440 Series</pwg:MakeAndModel>
  <scan:Platen>
    <scan:PlatenInputCaps>
      <scan:MaxWidth>2551</scan:MaxWidth>
      <scan:MaxHeight>3508</scan:MaxHeight>
      <scan:SettingProfiles>
        <scan:SettingProfile>
          <scan:ColorModes><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
          <scan:DocumentFormats><pwg:DocumentFormat>application/pdf</pwg:DocumentFormat><pwg:DocumentFormat>image/jpeg</pwg:DocumentFormat></scan:DocumentFormats>
          <scan:SupportedResolutions>
            <scan:ResolutionRange>
              <scan:XResolutionRange><scan:Min>100</scan:Min><scan:Max>600</scan:Max><scan:Normal>300</scan:Normal><scan:Step>100</scan:Step></scan:XResolutionRange>
              <scan:YResolutionRange><scan:Min>100</scan:Min><scan:Max>600</scan:Max><scan:Normal>300</scan:Normal><scan:Step>100</scan:Step></scan:YResolutionRange>
            </scan:ResolutionRange>
          </scan:SupportedResolutions>
        </scan:SettingProfile>
        <SettingProfile>
          <ColorModes><ColorMode>Grayscale8</ColorMode></ColorModes>
          <SupportedResolutions><DiscreteResolutions>
            <DiscreteResolution><XResolution>75</XResolution><YResolution>75</YResolution></DiscreteResolution>
            <DiscreteResolution><XResolution>300</XResolution><YResolution>600</YResolution></DiscreteResolution>
          </DiscreteResolutions></SupportedResolutions>
        </SettingProfile>
      </scan:SettingProfiles>
    </scan:PlatenInputCaps>
  </scan:Platen>
</scan:ScannerCapabilities>`;

describe('eSCL documents', () => {
  it('reads a flatbed-only device with a resolution range and several profiles', () => {
    const caps = parseCapabilities(FLATBED_WITH_RANGE);
    expect(caps).toMatchObject({ makeAndModel: 'Canon MF440 Series', adfSimplex: null, adfDuplex: null });
    expect(caps.platen).toEqual({ maxWidth: 2551, maxHeight: 3508, colourModes: ['colour', 'grey'], resolutions: [75, 100, 200, 300, 400, 600], formats: ['application/pdf', 'image/jpeg'] });
    expect(toScannerCapabilities(caps)).toEqual({ sources: ['flatbed'], colourModes: ['colour', 'grey'], resolutions: [75, 100, 200, 300, 400, 600] });
  });

  it('refuses what is not a capabilities document', () => {
    expect(() => parseCapabilities('<html><body>Login</body></html>')).toThrow();
  });

  it.each([
    ['Idle', 'ScannerAdfJam', true, 'jammed'],
    ['Idle', 'ScannerAdfEmpty', true, 'feeder_empty'],
    ['Idle', 'ScannerAdfHatchOpen', true, 'cover_open'],
    ['Idle', 'ScannerAdfEmpty', false, null],
    ['Processing', 'ScannerAdfLoaded', true, 'busy'],
    ['Stopped', 'ScannerAdfLoaded', false, 'failed'],
    ['Idle', 'ScannerAdfLoaded', true, null],
  ] as const)('reads State %s with AdfState %s (feeder: %s) as %s', (state, adfState, fromFeeder, problem) => {
    const xml = `<?xml version="1.0"?><scan:ScannerStatus xmlns:scan="s" xmlns:pwg="p"><pwg:Version>2.0</pwg:Version><pwg:State>${state}</pwg:State><scan:AdfState>${adfState}</scan:AdfState></scan:ScannerStatus>`;
    expect(problemOf(parseStatus(xml), fromFeeder)).toBe(problem);
  });

  it('writes scan settings a server reads back the same', () => {
    const xml = scanSettingsXml({ source: 'duplex', colourMode: 'grey', resolution: 200, format: 'image/jpeg', width: 2480, height: 3508 });
    expect(parseScanSettings(xml)).toEqual({ inputSource: 'Feeder', duplex: true, colorMode: 'Grayscale8', resolution: 200, width: 2480, height: 3508 });
    const platen = scanSettingsXml({ source: 'flatbed', colourMode: 'colour', resolution: 300, format: 'image/jpeg', width: 2480, height: 3508 });
    expect(platen).not.toContain('Duplex');
    expect(parseScanSettings(platen)).toMatchObject({ inputSource: 'Platen', colorMode: 'RGB24' });
  });
});

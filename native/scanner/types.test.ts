import { describe, expect, it } from 'vitest';
import { defaultSettings, type ScannerCapabilities } from './types';

const officeScanner: ScannerCapabilities = {
  sources: ['flatbed', 'feeder', 'duplex'],
  colourModes: ['colour', 'grey', 'lineart'],
  resolutions: [75, 100, 150, 200, 300, 600],
};

describe('default scan settings per kind of document', () => {
  it('scans an identity document on the glass in colour at 300 dpi', () => {
    expect(defaultSettings('identity_document', officeScanner)).toEqual({ source: 'flatbed', colourMode: 'colour', resolution: 300 });
  });

  it('scans a multi-page application through the feeder in grey at 200 dpi', () => {
    expect(defaultSettings('application', officeScanner)).toEqual({ source: 'feeder', colourMode: 'grey', resolution: 200 });
  });

  it('scans a photo in colour at 300 dpi', () => {
    expect(defaultSettings('photo', officeScanner)).toMatchObject({ colourMode: 'colour', resolution: 300 });
  });

  it('falls back to what a simpler device has', () => {
    const flatbedOnly: ScannerCapabilities = { sources: ['flatbed'], colourModes: ['colour'], resolutions: [150, 600] };
    expect(defaultSettings('application', flatbedOnly)).toEqual({ source: 'flatbed', colourMode: 'colour', resolution: 150 });
  });

  it('takes the sharper of two equally near resolutions', () => {
    const caps: ScannerCapabilities = { ...officeScanner, resolutions: [150, 250] };
    expect(defaultSettings('application', caps).resolution).toBe(250);
  });

  it('keeps its own choice where a device does not say', () => {
    expect(defaultSettings('application', { sources: [], colourModes: [], resolutions: [] })).toEqual({ source: 'feeder', colourMode: 'grey', resolution: 200 });
  });
});

import { describe, expect, it } from 'vitest';
import { SignaturePadError } from './errors';
import { identifyPad, resolveProfile } from './identify';
import { identifyModel } from './models';
import type { Capability, Information } from './protocol';
import { FakePad } from './test-support/fake-pad';

const information = (model: string): Information => ({
  kind: 'information',
  model,
  firmwareMajor: 1,
  firmwareMinor: 0x12,
  secureIc: false,
  secureIcVersion: '0.0.0.0',
});

const capability: Capability = {
  kind: 'capability',
  tabletMaxX: 10200,
  tabletMaxY: 6100,
  tabletMaxPressure: 1023,
  lcdWidth: 800,
  lcdHeight: 480,
  maxReportRate: 200,
  resolution: 2540,
  encodings: ['1bit', '16bit'],
};

describe('identifyModel', () => {
  it('trusts the model name the pad gives over its USB product ID', () => {
    expect(identifyModel('STU-430V', 0xa4)?.name).toBe('STU-430V');
    expect(identifyModel('stu-540 ', 0xa9)?.name).toBe('STU-540');
  });

  it('falls back to the product ID when the name is missing or unknown', () => {
    expect(identifyModel(null, 0xa2)?.name).toBe('STU-300');
    expect(identifyModel('STU-999', 0xa5)?.name).toBe('STU-530');
    expect(identifyModel(null, 0x1234)).toBeNull();
  });
});

describe('resolveProfile', () => {
  it('takes sizes and colour depths from Capability over the model table', () => {
    const profile = resolveProfile(0xa3, { information: information('STU-520A'), capability, uid: null, uid2: null });
    expect(profile).toMatchObject({
      model: 'STU-520A',
      lcd: { width: 800, height: 480 },
      tablet: { maxX: 10200, maxY: 6100, maxPressure: 1023 },
      encodings: ['1bit', '16bit'],
      imageBlockSize: 253,
      timeCountSequence: false,
      firmware: '1.12',
    });
  });

  it('falls back to the table for a pad that answers neither Information nor Capability', () => {
    expect(resolveProfile(0xa4, { information: null, capability: null, uid: 42, uid2: null })).toEqual({
      model: 'STU-430',
      productId: 0xa4,
      lcd: { width: 320, height: 200 },
      tablet: { maxX: 9600, maxY: 6000, maxPressure: 1023 },
      encodings: ['1bit'],
      imageBlockSize: 253,
      timeCountSequence: true,
      firmware: null,
      uid: 42,
      uid2: null,
    });
  });

  it('takes the colour depths from the table when Capability leaves them out', () => {
    expect(resolveProfile(0xa8, { information: null, capability: { ...capability, encodings: null }, uid: null, uid2: null }).encodings).toEqual([
      '1bit',
      '16bit',
      '24bit',
    ]);
  });

  it('names an STU the table does not know by its product ID, and sends it 1-bit prompts', () => {
    expect(resolveProfile(0xb0, { information: null, capability: { ...capability, encodings: null }, uid: null, uid2: null })).toMatchObject({
      model: 'STU 0x00b0',
      encodings: ['1bit'],
      timeCountSequence: false,
    });
  });

  it('gives up with a protocol error when no source says where the pen is on the screen', () => {
    const attempt = () => resolveProfile(0xa2, { information: null, capability: null, uid: null, uid2: null });
    expect(attempt).toThrow(SignaturePadError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'protocol' }));
  });
});

describe('identifyPad', () => {
  it('reads Information, Capability and both IDs from the pad', async () => {
    const profile = await identifyPad(new FakePad(), 0xa8);
    expect(profile).toEqual({
      model: 'STU-540',
      productId: 0xa8,
      lcd: { width: 800, height: 480 },
      tablet: { maxX: 10800, maxY: 6480, maxPressure: 1023 },
      encodings: ['1bit', '16bit', '24bit'],
      imageBlockSize: 253,
      timeCountSequence: true,
      firmware: '1.03',
      uid: 0x12345678,
      uid2: 'A1B2C3D4E5',
    });
  });

  it('carries on from the table when the pad stalls the optional reports', async () => {
    const pad = new FakePad({ model: null, capability: null, uid: 0, uid2: null });
    expect(await identifyPad(pad, 0xa4)).toMatchObject({ model: 'STU-430', lcd: { width: 320, height: 200 }, uid: null, uid2: null });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableBackends, listAll } from './detect';
import { startEsclServer, type EsclServer } from './escl-server';
import { ScannerError } from './errors';
import { requireScanimage, saneConfig, type SaneConfig } from './test-support';
import type { ScannerBackend, ScannerDevice } from './types';

const installed = (...files: string[]) => (file: string) => Promise.resolve(files.includes(file));

function fakeBackend(kind: ScannerBackend['kind'], list: () => Promise<ScannerDevice[]>): ScannerBackend {
  return {
    kind,
    list,
    capabilities: () => Promise.reject(new Error('not used')),
    scan: () => Promise.reject(new Error('not used')),
  };
}

describe('which backends this machine has', () => {
  it('uses SANE where scanimage is on PATH', async () => {
    const backends = await availableBackends({ platform: 'linux', env: { PATH: '/usr/local/bin:/usr/bin' }, isExecutable: installed('/usr/bin/scanimage') });
    expect(backends.map((backend) => backend.kind)).toEqual(['sane']);
  });

  it('has nothing on Linux without scanimage, unless a network scanner was added', async () => {
    const none = { platform: 'linux' as const, env: { PATH: '/usr/bin' }, isExecutable: installed() };
    expect(await availableBackends(none)).toEqual([]);
    const backends = await availableBackends({ ...none, esclUrls: ['http://192.168.1.20/eSCL'] });
    expect(backends.map((backend) => backend.kind)).toEqual(['escl']);
  });

  it('uses WIA on Windows, and NAPS2 where it is installed', async () => {
    const env = { ProgramFiles: 'C:\\Program Files', LOCALAPPDATA: 'C:\\Users\\lete\\AppData\\Local', Path: 'C:\\Windows\\system32' };
    expect((await availableBackends({ platform: 'win32', env, isExecutable: installed() })).map((backend) => backend.kind)).toEqual(['wia']);
    const withNaps2 = await availableBackends({ platform: 'win32', env, isExecutable: installed('C:\\Users\\lete\\AppData\\Local\\Programs\\NAPS2\\NAPS2.Console.exe') });
    expect(withNaps2.map((backend) => backend.kind)).toEqual(['wia', 'naps2']);
  });
});

describe('listing every scanner', () => {
  let server: EsclServer;
  let config: SaneConfig;
  beforeAll(async () => {
    requireScanimage();
    server = await startEsclServer({ name: 'Tīkla skeneris' });
    config = saneConfig(['test']);
  });
  afterAll(async () => {
    config.remove();
    await server.close();
  });

  it('merges the devices of SANE and of an added network scanner', async () => {
    const backends = await availableBackends({ env: config.env, esclUrls: [server.url] });
    const devices = await listAll(backends);
    expect(devices.map((device) => [device.backend, device.id])).toEqual([
      ['sane', 'test:0'],
      ['sane', 'test:1'],
      ['escl', server.url],
    ]);
  });

  it('still lists the others when one backend fails', async () => {
    const device: ScannerDevice = { id: 'x', name: 'X', backend: 'escl' };
    const devices = await listAll([fakeBackend('sane', () => Promise.reject(new Error('hung'))), fakeBackend('escl', () => Promise.resolve([device]))]);
    expect(devices).toEqual([device]);
  });

  it('tells the clerk to connect a scanner or add one by address when there is none', async () => {
    const result = await listAll([fakeBackend('sane', () => Promise.resolve([]))]).catch((error: unknown) => error);
    expect(result).toBeInstanceOf(ScannerError);
    expect(result).toMatchObject({ code: 'no_scanner' });
    expect((result as ScannerError).message).toMatch(/^Skeneris nav atrasts\. Pievienojiet skeneri .* tīkla skeneri, norādot tā adresi/u);
  });

  it('says the same when there is no backend at all', async () => {
    await expect(listAll([])).rejects.toMatchObject({ code: 'no_scanner' });
  });
});

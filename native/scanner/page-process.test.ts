import { describe, expect, it } from 'vitest';
import { ScannerError } from './errors';
import { runPageProcess } from './page-process';
import { errorCodeFor } from './sane-output';

describe('a scanner program that stops answering', () => {
  it('is stopped after its silence runs out, and the scan fails in Latvian instead of waiting for ever', async () => {
    const result = await runPageProcess(
      { command: 'sleep', args: ['30'], pageFile: () => null, failure: () => null, cancelWith: 'SIGTERM', cancelGraceMs: 1_000, stallMs: 200 },
      { source: 'feeder', colourMode: 'grey', resolution: 50 },
      { onPage: () => undefined },
    ).catch((error: unknown) => error);
    expect(result).toBeInstanceOf(ScannerError);
    expect(result).toMatchObject({ code: 'failed', pages: [] });
    expect((result as ScannerError).message).toMatch(/^Skenēšana neizdevās/u);
  });

  it('that reported the device’s error before going silent is answered with that error', async () => {
    const result = await runPageProcess(
      {
        command: 'sh',
        args: ['-c', 'echo "scanimage: sane_read: Document feeder out of documents" >&2; exec sleep 30'],
        pageFile: () => null,
        failure: ({ code, stderr }) => (code === 0 ? null : errorCodeFor(stderr, code)),
        cancelWith: 'SIGTERM',
        cancelGraceMs: 1_000,
        stallMs: 300,
      },
      { source: 'feeder', colourMode: 'grey', resolution: 50 },
      { onPage: () => undefined },
    ).catch((error: unknown) => error);
    expect(result).toMatchObject({ code: 'feeder_empty', pages: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { dataUrlBase64 } from './files';

describe('files for the contract', () => {
  it('takes the content of a data URL', () => {
    expect(dataUrlBase64('data:application/pdf;base64,JVBERi0xLjc=')).toBe('JVBERi0xLjc=');
  });
});

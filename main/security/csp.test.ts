import { describe, expect, it } from 'vitest';
import { DEV_RENDERER_CSP, RENDERER_CSP } from './csp';

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/u);
    if (!name) continue;
    expect(map.has(name), `directive ${name} appears twice`).toBe(false);
    map.set(name, sources);
  }
  return map;
}

describe('renderer CSP', () => {
  const policy = directives(RENDERER_CSP);

  it('is exactly the agreed policy', () => {
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
      'object-src': ["'none'"],
    });
  });

  it('allows no inline code, no eval and no remote or wildcard sources', () => {
    for (const sources of policy.values()) {
      for (const source of sources) {
        expect(source).not.toMatch(/unsafe|\*|https?:|wss?:|\/\//u);
      }
    }
  });

  it('is a single header line (no newlines a header API would reject)', () => {
    expect(RENDERER_CSP).not.toMatch(/[\r\n]/u);
  });

  it('relaxes only inline scripts and styles for the dev server', () => {
    const dev = directives(DEV_RENDERER_CSP);
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    for (const name of policy.keys()) {
      if (name === 'script-src' || name === 'style-src') continue;
      expect(dev.get(name), name).toEqual(policy.get(name));
    }
    expect(dev.size).toBe(policy.size);
  });
});

import { describe, expect, it } from 'vitest';
import { safeRedirect } from './safe-redirect';

describe('safeRedirect', () => {
  it('keeps a path inside the console, with its search', () => {
    expect(safeRedirect('/plan')).toBe('/plan');
    expect(safeRedirect('/partners?stage=LEAD&q=acme')).toBe('/partners?stage=LEAD&q=acme');
  });

  it('sends protocol-relative and backslash tricks home', () => {
    // Browsers read both as "another host".
    expect(safeRedirect('//evil.example/phish')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
  });

  it('sends absolute URLs, relative paths and non-strings home', () => {
    for (const bad of ['https://evil.example', 'javascript:alert(1)', 'plan', '', undefined, null, 42, ['/plan']]) expect(safeRedirect(bad)).toBe('/');
  });
});

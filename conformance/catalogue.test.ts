// The catalogue's own rules: stable, unique ids; every check says what it needs and does; the
// table in CHECKS.md is the one the catalogue generates.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_ID, GROUPS, NEEDS } from './check.ts';
import { CATALOGUE, findChecks } from './checks/index.ts';
import { checksMarkdown } from './checks-markdown.ts';

describe('the catalogue', () => {
  it('has at least 30 checks with unique ids of the form ABC-123', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(30);
    for (const c of CATALOGUE) expect(c.id).toMatch(CHECK_ID);
    expect(new Set(CATALOGUE.map((c) => c.id)).size).toBe(CATALOGUE.length);
  });

  it('every check declares its group, needs and what it does', () => {
    for (const c of CATALOGUE) {
      expect(GROUPS).toContain(c.group);
      expect(NEEDS).toContain(c.needs);
      expect(c.title.length).toBeGreaterThan(10);
      expect(c.does.length).toBeGreaterThan(5);
    }
  });

  it('checks that inject faults are marked sim-control, so real hardware never gets them', () => {
    for (const c of CATALOGUE.filter((c) => c.group === 'resilience' || c.group === 'timing')) {
      expect(c.requires, c.id).toContain('sim-control');
    }
  });

  it('findChecks takes ids in any case and names unknown ones', () => {
    expect(findChecks(['pwr-003']).map((c) => c.id)).toEqual(['PWR-003']);
    expect(() => findChecks(['PWR-003', 'XYZ-999'])).toThrow(/unknown check id\(s\): XYZ-999/);
  });

  it('CHECKS.md is the table the catalogue generates (npm run checks-md rewrites it)', () => {
    const file = readFileSync(new URL('../CHECKS.md', import.meta.url), 'utf8');
    expect(file).toBe(checksMarkdown(CATALOGUE));
  });
});

// The open-file check runs before anything listens and says how to raise the limit.

import { describe, expect, it } from 'vitest';
import { checkOpenFiles, OpenFileLimitError, openFileLimit, SPARE_FILES } from './open-files.ts';

const limits = (soft: string, hard: string) =>
  `Limit                     Soft Limit           Hard Limit           Units\nMax open files            ${soft.padEnd(20)} ${hard.padEnd(20)} files\n`;

describe('open-file limit', () => {
  it('reads the soft and hard limit from /proc/self/limits text', () => {
    expect(openFileLimit(limits('1024', '4096'))).toEqual({ soft: 1024, hard: 4096 });
    expect(openFileLimit(limits('unlimited', 'unlimited'))?.hard).toBe(Number.POSITIVE_INFINITY);
    expect(openFileLimit('no such line')).toBeUndefined();
  });

  it('accepts a fleet that fits with the spare, and otherwise says what to raise', () => {
    expect(() => checkOpenFiles(1000, { soft: 1000 + SPARE_FILES, hard: 1000 + SPARE_FILES })).not.toThrow();
    expect(() => checkOpenFiles(1000, undefined)).not.toThrow();
    expect(() => checkOpenFiles(10_000, { soft: 1024, hard: 1024 })).toThrow(
      /10000 BMCs need at least 10256 open files .* may open 1024 \(hard limit 1024\)\. Raise the hard limit to at least 10256: `ulimit -Hn 10256` as root.*--ulimit nofile=10256:10256/,
    );
    expect(() => checkOpenFiles(10_000, { soft: 1024, hard: 65536 })).toThrow(/Run `ulimit -n 10256`/);
    expect(() => checkOpenFiles(10_000, { soft: 1024, hard: 1024 })).toThrow(OpenFileLimitError);
  });
});

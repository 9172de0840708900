// AppCache keeps the most recently used apps up to its capacity and rebuilds a dropped one.

import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { AppCache } from './app-cache.ts';

describe('AppCache', () => {
  it('builds at first use, keeps the most recently used, rebuilds what it dropped', () => {
    const built: number[] = [];
    const cache = new AppCache(2);
    const get = (i: number) =>
      cache.get(i, () => {
        built.push(i);
        return (() => undefined) as http.RequestListener;
      });
    const a = get(0);
    get(1);
    expect(get(0)).toBe(a);
    get(2); // drops 1, the least recently used
    get(0);
    get(1);
    expect(built).toEqual([0, 1, 2, 1]);
    expect(cache.size).toBe(2);
  });
});

// The self-signed certificate's cache: the JSON (certificate and key) and, beside it, the
// certificate alone as PEM for clients' --ca.

import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selfSignedCertificate } from './tls.ts';

describe('self-signed certificate cache', () => {
  it('writes the certificate alone as PEM beside the cached JSON', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'obmc-tls-'));
    // A bind host of its own, so the in-process memo of other tests is not reused.
    const material = await selfSignedCertificate('tls-cache.test', dir);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([
      expect.stringMatching(/^bmc-cert-[0-9a-f]{16}\.json$/),
      expect.stringMatching(/^bmc-cert-[0-9a-f]{16}\.pem$/),
    ]);
    const pem = join(dir, files[1] ?? '');
    expect(await readFile(pem, 'utf8')).toBe(material.certPem);
    expect(material.certPem).not.toContain('PRIVATE KEY');
  });
});

// The BMC's self-signed certificate, generated once per process (and cached on disk between runs,
// since RSA key generation is the slowest part of start-up). SANs cover loopback and the bind host.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  certPem: string;
  keyPem: string;
}

const memory = new Map<string, Promise<TlsMaterial>>();

const isIp = (h: string) => /^[\d.]+$/.test(h) || h.includes(':');

async function create(hosts: string[]): Promise<TlsMaterial> {
  const notBeforeDate = new Date(Date.UTC(2020, 0, 1));
  const notAfterDate = new Date(Date.UTC(2040, 0, 1));
  const altNames = hosts.map((h) => (isIp(h) ? { type: 7 as const, ip: h } : { type: 2 as const, value: h }));
  const pems = await generate([{ name: 'commonName', value: 'openbmc-kit simulated BMC' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { certPem: pems.cert, keyPem: pems.private };
}

async function cached(hosts: string[], dir: string): Promise<TlsMaterial> {
  const key = createHash('sha256').update(hosts.join(',')).digest('hex').slice(0, 16);
  const file = join(dir, `bmc-cert-${key}.json`);
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<TlsMaterial>;
    if (typeof parsed.certPem === 'string' && typeof parsed.keyPem === 'string') {
      const material = { certPem: parsed.certPem, keyPem: parsed.keyPem };
      await writeCaPem(file, material.certPem);
      return material;
    }
  } catch {
    // No usable cache: generate below.
  }
  const material = await create(hosts);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(material), { mode: 0o600 });
    await rename(tmp, file);
    await writeCaPem(file, material.certPem);
  } catch {
    // A cache we cannot write only costs start-up time.
  }
  return material;
}

/**
 * The certificate alone as PEM beside the cached JSON (`bmc-cert-<hash>.pem`), for clients'
 * `--ca`; written when missing or different. A PEM we cannot write costs nothing else.
 */
async function writeCaPem(jsonFile: string, certPem: string): Promise<void> {
  const pem = jsonFile.replace(/\.json$/, '.pem');
  try {
    if ((await readFile(pem, 'utf8')) === certPem) return;
  } catch {
    // Not there yet.
  }
  try {
    const tmp = `${pem}.${process.pid}.tmp`;
    await writeFile(tmp, certPem, { mode: 0o644 });
    await rename(tmp, pem);
  } catch {
    // See above.
  }
}

/** A certificate valid for loopback, localhost, `bindHost` and `moreHosts`. */
export function selfSignedCertificate(
  bindHost: string,
  cacheDir = join(tmpdir(), 'openbmc-kit'),
  /** Names clients use besides the bind host (a shard's public host name). */
  moreHosts: readonly string[] = [],
): Promise<TlsMaterial> {
  const hosts = [
    ...new Set(
      ['localhost', '127.0.0.1', '::1', bindHost, ...moreHosts].filter(
        (h) => h && h !== '0.0.0.0' && h !== '::',
      ),
    ),
  ];
  const key = hosts.join(',');
  let material = memory.get(key);
  if (!material) {
    material = cached(hosts, cacheDir);
    memory.set(key, material);
  }
  return material;
}

import type { Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GeventRequestLine } from './gevent-request-line.ts';

/** Feeds `chunks` through the stream and returns what Node's parser would read, and the methods kept. */
async function frame(chunks: string[]): Promise<{ out: string; methods: (string | undefined)[] }> {
  const socket = new PassThrough();
  const line = new GeventRequestLine(socket as unknown as Socket);
  let out = '';
  line.on('data', (d: Buffer) => {
    out += d.toString('latin1');
  });
  for (const c of chunks) socket.write(Buffer.from(c, 'latin1'));
  socket.end();
  await new Promise((resolve) => line.once('end', resolve));
  const methods: (string | undefined)[] = [];
  for (let m = line.takeMethod(); m !== undefined; m = line.takeMethod()) methods.push(m);
  return { out, methods };
}

const REQUESTS =
  'get /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc' +
  'CONNECT bmc:443 HTTP/1.1\r\nHost: x\r\n\r\n' +
  'PUT /b HTTP/1.1\r\ncontent-length:  2\r\n\r\n{}' +
  'FOO * HTTP/1.1\r\n\r\n';
const FOR_NODE =
  'GET /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc' +
  'GET /bmc:443 HTTP/1.1\r\nHost: x\r\n\r\n' +
  'PUT /b HTTP/1.1\r\ncontent-length:  2\r\n\r\n{}' +
  'GET * HTTP/1.1\r\n\r\n';

describe('GeventRequestLine', () => {
  it('swaps what Node refuses for GET at each request start, found by Content-Length, and keeps the words', async () => {
    expect(await frame([REQUESTS])).toEqual({ out: FOR_NODE, methods: ['get', 'CONNECT', 'PUT', 'FOO'] });
  });

  it('the same however the bytes arrive', async () => {
    expect(await frame(REQUESTS.split(''))).toEqual({
      out: FOR_NODE,
      methods: ['get', 'CONNECT', 'PUT', 'FOO'],
    });
  });

  it('a body that looks like a request line is left alone', async () => {
    const body = 'get /x HTTP/1.1\r\n';
    const { out } = await frame([`POST /a HTTP/1.1\r\nContent-Length: ${body.length}\r\n\r\n${body}`]);
    expect(out).toBe(`POST /a HTTP/1.1\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
  });

  it('after a chunked body the connection passes untouched', async () => {
    const chunked = 'POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nget /b HTTP/1.1\r\n\r\n';
    expect((await frame([chunked])).out).toBe(chunked);
  });
});

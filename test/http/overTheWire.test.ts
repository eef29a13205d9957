// The size cap holds over a real socket, through @hono/node-server as `microcred serve` uses it: an
// endless chunked upload (no Content-Length) is answered 413 long before the client stops sending.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createVerifierHandler } from '../../src/http/index.js';

let server: Server;
let port: number;

beforeAll(async () => {
  server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: createVerifierHandler({ maxBodyBytes: 64 * 1024 }), hostname: '127.0.0.1', port: 0 }, () =>
      resolve(s as Server),
    ) as Server;
  });
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe('over the wire', () => {
  it('an endless chunked upload gets 413 while it is still being sent (the server does not read it all first)', async () => {
    const socket = connect(port, '127.0.0.1');
    let sent = 0;
    let answer = '';
    const LIMIT = 256 * 1024 * 1024; // what the client would send if nobody stopped it
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const answered = new Promise<void>((resolve) => {
      socket.setEncoding('utf8').on('data', (text: string) => {
        answer += text;
        if (answer.includes('\r\n\r\n')) resolve();
      });
      socket.on('close', () => resolve());
    });
    socket.on('error', () => undefined); // the server may hang up mid-upload: that is the point
    socket.write(
      'POST /credentials/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    let done = false;
    void answered.then(() => (done = true));
    while (!done && sent < LIMIT && !socket.destroyed) {
      const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
      sent += chunk.length;
      if (!socket.write(frame)) await new Promise((r) => socket.once('drain', r).once('close', r));
    }
    await answered;
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    // Socket buffers on both sides hold a few MiB at most: far below what the client meant to send.
    expect(sent).toBeLessThan(32 * 1024 * 1024);
  });
});

import { run } from './run.js';
import { colorFromEnvironment } from './color.js';

const readStdin = async () => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

// Thin on purpose: everything testable lives in run.ts.
const status = await run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  color: colorFromEnvironment(process.env, Boolean(process.stdout.isTTY)),
  stdin: async () => (await readStdin()).toString('utf8'),
  stdinBytes: async () => new Uint8Array(await readStdin()),
  progress: Boolean(process.stderr.isTTY),
});
// Let piped output drain before exiting (writes to pipes are asynchronous on some platforms).
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((done) => stream.write('', done))));
process.exit(status);

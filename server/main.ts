/**
 * `npm start`: the review server on 127.0.0.1:8080 (PORT, HOST), its data in ./data
 * (THROUGHLINE_DATA). The first run creates an administrator and the demo review and prints a
 * one-time sign-in link. Binding beyond loopback (HOST=0.0.0.0) puts special-category data on the
 * network: only behind TLS and a firewall (see the README).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openStore } from './store/sqlite.js';
import { buildApp } from './app.js';
import { firstRun } from './setup.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT=${process.env.PORT}: expected a port number`);
  const dataDir = resolve(process.env.THROUGHLINE_DATA ?? 'data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const store = openStore(join(dataDir, 'throughline.db'));
  const app = await buildApp({ store, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
  const close = async (): Promise<void> => { await app.close(); store.close(); process.exit(0); };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  await app.listen({ port, host });
  // Only once listening, so that the link printed is one that works on this server.
  const first = firstRun(store, new Date());
  const address = app.server.address();
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${typeof address === 'object' && address ? address.port : port}`;
  process.stdout.write(`throughline: serving ${url} (data in ${dataDir})\n`);
  if (!LOOPBACK.has(host)) process.stdout.write(`throughline: WARNING: listening on ${host}, beyond this machine: use TLS and a firewall; the data is special category\n`);
  if (first) process.stdout.write(`throughline: sign in as admin with this one-time link (valid 24 hours), then set a password:\n  ${url}${first.signinPath}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`throughline: the server could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

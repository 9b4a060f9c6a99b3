/**
 * Before the tests: the compiled command and server (tsc), and the web app (Vite), brought up to
 * date, since the CLI tests run the built command and the browser tests load the built page.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export default function build(): void {
  const require = createRequire(import.meta.url);
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, [tsc, '-p', 'viz/app/tsconfig.json'], { stdio: 'inherit' });
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', 'viz/app/vite.config.ts'], { stdio: 'inherit' });
}

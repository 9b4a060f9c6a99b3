#!/usr/bin/env node
// The throughline command: runs the compiled CLI (built by `npm install` through the prepare script).
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then(
  (status) => { process.exitCode = status; },
  (error) => {
    // A bug, not a user error: say so plainly, without dumping the data being processed.
    process.stderr.write(`throughline: internal error: ${error && error.stack ? error.stack : error}\nPlease report this with the command you ran.\n`);
    process.exitCode = 70;
  },
);

import { shellQuote } from '../../core/shell-quote.js';

/**
 * The pre-receive hook every app repository runs. Like Heroku's, it builds the push before accepting it:
 * it hands the ref updates and the quarantined objects' location to the platform, prints what the platform
 * streams back (git shows it to the pusher as `remote:` lines), and exits with the status the platform
 * sends in the `X-Hook-Exit` trailer, so a failed build rejects the push. It is plain CommonJS for the
 * Node that runs the platform: no dependency, no build step.
 */
export const PRE_RECEIVE_SCRIPT = `'use strict';
const http = require('node:http');
const input = [];
process.stdin.on('data', (chunk) => input.push(chunk));
process.stdin.on('end', () => {
  const env = process.env;
  const body = JSON.stringify({
    app: env.IMPLANTA_APP_ID,
    updates: Buffer.concat(input).toString('utf8'),
    objects: {
      GIT_OBJECT_DIRECTORY: env.GIT_OBJECT_DIRECTORY,
      GIT_ALTERNATE_OBJECT_DIRECTORIES: env.GIT_ALTERNATE_OBJECT_DIRECTORIES,
      GIT_QUARANTINE_PATH: env.GIT_QUARANTINE_PATH,
    },
  });
  const request = http.request(env.IMPLANTA_HOOK_URL, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      authorization: 'Bearer ' + env.IMPLANTA_HOOK_TOKEN,
    },
  }, (response) => {
    response.on('data', (chunk) => process.stdout.write(chunk));
    response.on('end', () => {
      process.exitCode = response.statusCode === 200 && response.trailers['x-hook-exit'] === '0' ? 0 : 1;
    });
  });
  request.on('error', (error) => {
    process.stdout.write(' !     The platform could not build this push: ' + error.message + '\\n');
    process.exitCode = 1;
  });
  request.end(body);
});
`;

/** The hook itself: a shell line that runs the script above with this Node. */
export function preReceiveLauncher(nodePath: string, scriptPath: string): string {
  return `#!/bin/sh\nexec ${shellQuote(nodePath)} ${shellQuote(scriptPath)}\n`;
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { implanta } from './helpers/run-cli.js';

const COMMANDS = ['size', 'check', 'migrations', 'test', 'deploy', 'rollback', 'releases', 'maintenance', 'scale', 'retire', 'lock', 'upgrade', 'versions', 'local'];

describe('every command: usage', () => {
  for (const command of COMMANDS) {
    it(`${command} --help prints its usage, options and examples, exit 0`, async () => {
      const help = await implanta([command, '--help']);
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, new RegExp(`^Usage: implanta ${command} `));
      assert.match(help.stdout, /\nOptions:\n/);
      assert.match(help.stdout, new RegExp(`\\nExamples:\\n {2}implanta ${command}\\b`));
    });

    it(`${command} with an unknown flag exits 2 with one line`, async () => {
      const bad = await implanta([command, '--no-such-flag']);
      assert.equal(bad.code, 2);
      assert.equal(bad.stdout, '');
      assert.equal(bad.stderr, `implanta: Unknown option '--no-such-flag' (see \`implanta ${command} --help\`)\n`);
    });
  }

  it('the commands are listed in implanta --help', async () => {
    const help = await implanta(['--help']);
    for (const command of COMMANDS) assert.match(help.stdout, new RegExp(`^ {2}${command} +\\S`, 'm'));
  });
});

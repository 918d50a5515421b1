// Runs a test command that never ends, so the test can Ctrl-C this process and look at what is left.
import { runProjectTests } from '../../../src/deploy/test-run.js';

const [repo] = process.argv.slice(2);
await runProjectTests({ repo: repo!, command: 'echo started; sleep 30', onOutput: (line) => console.log(line) });

/**
 * One fuzz worker: a child process that runs `implanta check` in-process on each project folder it is
 * sent, the way the CLI does (the check command, then the top-level failure handler), and answers with
 * the exit code and everything printed. The parent kills it on a hang and counts a death as a crash.
 */
import { describeFailure } from '../../src/cli/failure.js';
import { captureStandardStreams } from '../../src/cli/standard-streams.js';

interface Job {
  dir: string;
  args: string[];
}

export interface Outcome {
  exitCode: number;
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of this worker so far, in MB. */
  maxRssMb: number;
}

const { checkCommand } = await import('../../src/cli/check.js');

async function runOne(job: Job): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  process.stdout.write = ((chunk: string | Uint8Array) => (out.push(String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  // The report is written straight to the descriptor (src/cli/standard-streams.ts), not through process.stdout.
  captureStandardStreams((fd, text) => (fd === 1 ? out : err).push(text));
  const start = performance.now();
  let exitCode: number;
  try {
    exitCode = await checkCommand.run([job.dir, ...job.args]);
  } catch (error) {
    const failure = describeFailure(error, true);
    err.push(`${failure.line}\n`);
    exitCode = failure.exitCode;
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    captureStandardStreams(undefined);
  }
  return { exitCode, stdout: out.join(''), stderr: err.join(''), ms: performance.now() - start, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

process.on('message', (job: Job) => {
  void runOne(job).then((outcome) => process.send!(outcome));
});
process.send!('ready');

import { join } from 'node:path';
import { readDotenvFile } from '../src/project/dotenv.js';
import { fmt, median, sideBySide, timeCommand } from './lib.js';

/**
 * Budget (DESIGN.md): `implanta check` (static settings, no app) on examples/hollow takes at most half
 * the wall time of `python3 manage.py check --deploy` on the same project and environment.
 */
export function benchCheck(root: string, rounds = 10): { implantaMs: number; djangoMs: number; ratio: number } {
  const hollow = join(root, 'examples/hollow');
  const envFile = join(hollow, 'production.env');
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...readDotenvFile(envFile) };
  const [implanta, django] = sideBySide(rounds, [
    { label: 'implanta check', run: () => timeCommand(process.execPath, [join(root, 'dist/main.js'), 'check', hollow, '--env-file', envFile, '--format', 'json'], { env: { PATH: env.PATH, HOME: env.HOME } }, [0, 1]) },
    { label: 'manage.py check --deploy', run: () => timeCommand('/usr/bin/python3', ['manage.py', 'check', '--deploy'], { cwd: hollow, env }) },
  ]);
  const implantaMs = median(implanta!.samples);
  const djangoMs = median(django!.samples);
  const ratio = implantaMs / djangoMs;
  console.log(`check (static, examples/hollow, ${rounds} rounds interleaved)`);
  console.log(`  implanta check                   median ${fmt(implantaMs)}`);
  console.log(`  python3 manage.py check --deploy median ${fmt(djangoMs)}`);
  console.log(`  ratio ${ratio.toFixed(2)} (budget ≤ 0.50) ${ratio <= 0.5 ? 'OK' : 'OVER BUDGET'}`);
  return { implantaMs, djangoMs, ratio };
}

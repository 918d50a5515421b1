/**
 * Hostile inputs for `implanta check`, generated from a fixed seed: the same run gives the same cases,
 * so a failure found once is found again. Each case is a real project (examples/hollow, a few of the
 * real-project corpus) with ONE of its deployment files mutated: byte flips, truncation, duplication,
 * deep nesting, huge numbers and strings, invalid UTF-8, binary junk, and the cases issue 9 lists.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The campaign of the suite and of `npm run bench fuzz`: the same cases in both. */
export const FUZZ_SEED = 20_261_203;
export const FUZZ_CASES = 2_000;

/** Values given as config vars that must never appear in the output. */
export const PLANTED = {
  secretKey: 'fuzzPlanted-SecretKey-7Qx2Lm9Vr4Tz8Kp1',
  databasePassword: 'fuzzPlantedDbPw83kQz7mW',
};

export const PLANTED_ENV: Record<string, string> = {
  SECRET_KEY: PLANTED.secretKey,
  DJANGO_SECRET_KEY: PLANTED.secretKey,
  DATABASE_URL: `postgres://fuzzuser:${PLANTED.databasePassword}@db.example.com:5432/fuzzdb`,
};

export interface Base {
  name: string;
  /** Absolute folder of the project (the folder of manage.py). */
  dir: string;
  /** Files (relative) worth mutating: settings modules, Procfile, requirements, runtime, app.json, Pipfile.lock. */
  targets: string[];
}

export interface FuzzCase {
  id: number;
  base: string;
  /** The file replaced, relative to the project. */
  file: string;
  mutation: string;
  content: Buffer;
}

const BASE_DIRS: Array<[string, string]> = [
  ['hollow', 'examples/hollow'],
  ['python-getting-started', 'test/fixtures/real/heroku__python-getting-started/files'],
  ['locallibrary', 'test/fixtures/real/mdn__django-locallibrary-tutorial/files'],
  ['decathlon', 'test/fixtures/real/Dryja__decathlon-recruitment-task/files'],
];

const TARGET = /(^|\/)(Procfile|runtime\.txt|\.python-version|app\.json|Pipfile\.lock|Pipfile|requirements[^/]*\.txt|[^/]*settings[^/]*\.py|settings\/[^/]+\.py|wsgi\.py|urls\.py|models\.py)$/;

function filesUnder(dir: string, at = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(at).sort()) {
    if (name === '.git' || name === 'node_modules' || name === '__pycache__' || name === 'production.env') continue;
    const path = join(at, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(dir, path));
    else out.push(relative(dir, path).split('\\').join('/'));
  }
  return out;
}

export function bases(): Base[] {
  return BASE_DIRS.filter(([, dir]) => existsSync(join(ROOT, dir))).map(([name, dir]) => {
    const abs = join(ROOT, dir);
    return { name, dir: abs, targets: filesUnder(abs).filter((f) => TARGET.test(f)) };
  });
}

/** mulberry32: small, fast, and the same sequence on every machine. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (rand: Rand, n: number) => Math.floor(rand() * n);
const pick = <T>(rand: Rand, items: readonly T[]): T => items[int(rand, items.length)]!;

/** The memory-and-time cases of issue 9, as settings source. */
export const ISSUE_CASES: Record<string, string> = {
  'list doubled thirty times': `A = [0]\n${'A = A + A\n'.repeat(30)}`,
  'a billion zeros': 'A = [0] * 10**9\n',
  'a range times ten thousand': 'A = list(range(10**4)) * 10**4\n',
  'a long string replaced': "S = 'ab' * 10**7\nS = S.replace('a', 'aaaa')\nS = S.replace('b', 'bbbb')\nS = S.replace('a', 'aaaa')\n",
  'nested loops of 3000': 'X = 0\nfor i in range(3000):\n    for j in range(3000):\n        X = X + 1\n',
  'a dict comprehension of a million': 'D = {i: i for i in range(10**6)}\n',
  '20,000 nested parentheses': `X = ${'('.repeat(20_000)}1${')'.repeat(20_000)}\n`,
  'a sum of 20,000 terms': `X = ${Array(20_000).fill('1').join(' + ')}\n`,
  '300,000 assignments': 'X=0\n'.repeat(300_000),
  'a module-level raise': "raise ImproperlyConfigured('fuzz')\n",
  'a recursive function': 'def f(n):\n    return f(n + 1)\nX = f(0)\n',
  'a string a billion long': "S = 'x' * 10**9\n",
  'a huge exponent': 'X = 10 ** 10 ** 10\n',
  'an f-string of a billion': "X = f'{1:>1000000000}'\n",
  'a list holding itself': 'A = []\nA.append(A)\nB = str(A)\n',
  'while True': 'X = 0\nwhile True:\n    X += 1\n',
};

const JUNK_BYTES = [0x00, 0xff, 0xfe, 0xc3, 0x80, 0xe2, 0x28, 0xa1, 0xf0, 0x9f, 0x0d, 0x0a, 0x22, 0x27, 0x5b, 0x7b, 0x28, 0x5c];

type Mutation = (rand: Rand, bytes: Buffer, file: string) => Buffer;

const MUTATIONS: Record<string, Mutation> = {
  'byte flips': (rand, b) => {
    const out = Buffer.from(b);
    for (let i = 1 + int(rand, 8); i > 0 && out.length; i--) out[int(rand, out.length)] = int(rand, 256);
    return out;
  },
  truncation: (rand, b) => b.subarray(0, int(rand, b.length + 1)),
  'a slice duplicated': (rand, b) => {
    const start = int(rand, b.length + 1);
    const slice = b.subarray(start, start + 1 + int(rand, 200));
    const times = pick(rand, [2, 10, 1000, 20_000]);
    return Buffer.concat([b.subarray(0, start), Buffer.alloc(slice.length * times, slice.length ? slice : ' '), b.subarray(start)]);
  },
  'a line repeated': (rand, b) => {
    const lines = b.toString('latin1').split('\n');
    const at = int(rand, lines.length);
    lines.splice(at, 0, ...Array<string>(pick(rand, [100, 5000, 50_000])).fill(lines[at] ?? ''));
    return Buffer.from(lines.join('\n'), 'latin1');
  },
  'deep nesting': (rand, b) => {
    const open = pick(rand, ['(', '[', '{', '"a":[', '-', 'not ', 'lambda: ']);
    const depth = pick(rand, [150, 201, 1000, 5000, 50_000]);
    const close = { '(': ')', '[': ']', '{': '}', '"a":[': ']', '-': '', 'not ': '', 'lambda: ': '' }[open]!;
    const at = int(rand, b.length + 1);
    return Buffer.concat([b.subarray(0, at), Buffer.from(`${open.repeat(depth)}1${close.repeat(pick(rand, [depth, depth - 1, 0]))}`), b.subarray(at)]);
  },
  'a huge number': (rand, b) => {
    const at = int(rand, b.length + 1);
    const digits = pick(rand, ['9'.repeat(5000), '1e99999', '-0', '0x' + 'f'.repeat(400), '1' + '0'.repeat(400_000), 'NaN', 'Infinity', '10**10**10']);
    return Buffer.concat([b.subarray(0, at), Buffer.from(digits), b.subarray(at)]);
  },
  'a huge string': (rand, b) => {
    const at = int(rand, b.length + 1);
    const quote = pick(rand, ['"', "'", '"""', '']);
    return Buffer.concat([b.subarray(0, at), Buffer.from(`${quote}${'A'.repeat(pick(rand, [10_000, 300_000, 900_000]))}${quote}`), b.subarray(at)]);
  },
  'invalid UTF-8': (rand, b) => {
    const out: Buffer[] = [];
    let last = 0;
    for (let i = 1 + int(rand, 5); i > 0; i--) {
      const at = last + int(rand, Math.max(1, b.length - last));
      out.push(b.subarray(last, at), Buffer.from([pick(rand, [0xff, 0xfe, 0xc0, 0xc3, 0xe9, 0x80, 0xed])]));
      last = at;
    }
    out.push(b.subarray(last));
    return Buffer.concat(out);
  },
  'binary junk': (rand, b) => {
    const junk = Buffer.alloc(pick(rand, [16, 4096, 200_000]));
    for (let i = 0; i < junk.length; i++) junk[i] = rand() < 0.5 ? pick(rand, JUNK_BYTES) : int(rand, 256);
    return rand() < 0.5 ? junk : Buffer.concat([b.subarray(0, int(rand, b.length + 1)), junk]);
  },
  'a BOM and CRLF': (_rand, b) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(b.toString('latin1').replace(/\n/g, '\r\n'), 'latin1')]),
  'emptied': () => Buffer.alloc(0),
  'a latin-1 declaration': (_rand, b) => Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\n'), b, Buffer.from("\nNAME = 'caf\xe9'\n", 'latin1')]),
  'a secret-looking value in the file': (_rand, b, file) =>
    Buffer.concat([b, Buffer.from(file.endsWith('.py') ? `\nDATABASE_URL_FALLBACK = 'postgres://u:${PLANTED.databasePassword}x@h/db'\n` : `\n${PLANTED.secretKey}\n`)]),
};

/** Settings-only mutations: the issue's cases, added before or after the real settings. */
function issueCase(rand: Rand, b: Buffer): { mutation: string; content: Buffer } {
  const name = pick(rand, Object.keys(ISSUE_CASES));
  const code = Buffer.from(ISSUE_CASES[name]!);
  return { mutation: `issue case: ${name}`, content: rand() < 0.5 ? Buffer.concat([code, b]) : Buffer.concat([b, Buffer.from('\n'), code]) };
}

/** `count` cases from `seed`, spread over every base and every file worth mutating. */
export function generateCases(seed: number, count: number): FuzzCase[] {
  const rand = random(seed);
  const all = bases();
  const originals = new Map<string, Buffer>();
  const cases: FuzzCase[] = [];
  for (let id = 0; id < count; id++) {
    const base = all[id % all.length]!;
    const file = pick(rand, base.targets);
    const key = `${base.name}/${file}`;
    let original = originals.get(key);
    if (!original) {
      original = readFileSync(join(base.dir, file));
      originals.set(key, original);
    }
    if (file.endsWith('.py') && rand() < 0.25) {
      cases.push({ id, base: base.name, file, ...issueCase(rand, original) });
      continue;
    }
    const mutation = pick(rand, Object.keys(MUTATIONS));
    cases.push({ id, base: base.name, file, mutation, content: MUTATIONS[mutation]!(rand, original, file) });
  }
  return cases;
}

import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { printRequirements } from '../../../src/project/requirements/print.js';
import { parseRequirementsText } from '../../../src/project/requirements/requirements-file.js';
import type { Requirement } from '../../../src/project/types.js';

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Expected {
  rawName: string;
  extras: string[];
  specifier: string;
  marker?: string;
  url?: string;
  hashes: string[];
  pinned?: string;
}

class Generator {
  constructor(private readonly next: () => number) {}

  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  ws(): string {
    return this.pick(['', '', ' ', '  ']);
  }

  name(): string {
    const alnum = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const middle = alnum + '._-';
    let name = this.pick([...alnum]);
    const length = this.int(9);
    for (let i = 0; i < length; i++) name += this.pick([...middle]);
    return length ? name + this.pick([...alnum]) : name;
  }

  version(segments: number): string {
    const release = Array.from({ length: segments }, () => String(this.int(30))).join('.');
    return release + (this.chance(0.2) ? this.pick(['a1', 'b2', 'rc1', '.post1', '.dev0']) : '');
  }

  clause(): string {
    const op = this.pick(['==', '!=', '>=', '<=', '>', '<', '~=']);
    if (op === '~=') return `~=${this.version(2 + this.int(2))}`;
    if ((op === '==' || op === '!=') && this.chance(0.3)) return `${op}${1 + this.int(9)}.${this.int(9)}.*`;
    if ((op === '==' || op === '!=') && this.chance(0.2)) return `${op}${this.version(3)}+local.${this.int(9)}`;
    return `${op}${this.version(1 + this.int(3))}`;
  }

  marker(depth = 0): string {
    if (depth < 2 && this.chance(0.3)) {
      const joined = `${this.marker(depth + 1)} ${this.pick(['and', 'or'])} ${this.marker(depth + 1)}`;
      return this.chance(0.5) ? `(${this.ws()}${joined}${this.ws()})` : joined;
    }
    const variable = this.pick(['python_version', 'sys_platform', 'os_name', 'platform_machine', 'implementation_name', 'extra']);
    const op = this.pick(['<', '<=', '==', '!=', '>=', '>', '~=', 'in', 'not in']);
    const quote = this.pick(['"', "'"]);
    const value = `${quote}${this.pick(['3.11', 'linux', 'posix', 'x86_64', 'cpython', 'dev test'])}${quote}`;
    return this.chance(0.8) ? `${variable} ${op} ${value}` : `${value} ${op} ${variable}`;
  }

  /** One requirement line and what it should parse to. */
  requirement(): { text: string; expected: Expected } {
    const rawName = this.name();
    const extras = this.chance(0.3) ? Array.from({ length: 1 + this.int(3) }, () => this.name()) : [];
    const extrasText = extras.length ? `[${this.ws()}${extras.join(`${this.ws()},${this.ws()}`)}${this.ws()}]` : '';
    let text: string;
    let specifier = '';
    let url: string | undefined;
    if (this.chance(0.2)) {
      url = this.pick([`https://files.example.org/dist/archive-${this.int(99)}.tar.gz`, `git+https://github.com/org/repo.git@v${this.int(9)}`]);
      text = `${rawName}${this.ws()}${extrasText} @ ${url}`;
    } else {
      // `===` takes any text up to whitespace, a following comma included, so it only stands alone.
      const clauses = this.chance(0.1) ? [`===${this.version(2)}-custom`] : Array.from({ length: this.int(4) }, () => this.clause());
      specifier = clauses.join(',');
      const spaced = clauses.map((c) => c.replace(/^([=!<>~]+)/, `$1${this.ws()}`)).join(`${this.ws()},${this.ws()}`);
      const inParens = clauses.length > 0 && this.chance(0.2);
      text = `${rawName}${this.ws()}${extrasText}${this.ws()}${inParens ? `(${spaced})` : spaced}`;
    }
    const marker = this.chance(0.4) ? this.marker() : undefined;
    if (marker) text += `${url ? ' ' : this.ws()};${this.ws()}${marker}`;
    const hashes = Array.from({ length: this.chance(0.3) ? 1 + this.int(2) : 0 }, () =>
      `sha256:${Array.from({ length: 64 }, () => this.pick([...'0123456789abcdef'])).join('')}`,
    );
    for (const hash of hashes) text += this.chance(0.5) ? ` --hash=${hash}` : ` --hash ${hash}`;
    if (this.chance(0.2)) text += `  # a comment with ${this.name()}`;
    const single = /^(===|==)([^,]+)$/.exec(specifier);
    const pinned = single && !(single[1] === '==' && single[2]!.endsWith('.*')) ? single[2] : undefined;
    return { text, expected: { rawName, extras, specifier, marker, url, hashes, pinned } };
  }

  /** Sometimes cut a line at a space into two physical lines joined by a backslash. */
  physical(text: string): string[] {
    const spaces = [...text.matchAll(/ /g)].map((m) => m.index);
    if (!spaces.length || !this.chance(0.3)) return [text];
    const at = this.pick(spaces);
    return [`${text.slice(0, at)} \\`, text.slice(at + 1)];
  }
}

const root = fileURLToPath(new URL('../../fixtures/requirements/forms', import.meta.url));
const withoutPlace = (reqs: Requirement[]) => reqs.map(({ line: _line, file: _file, ...rest }) => rest);

for (const seed of [1, 2, 3, 4, 5]) {
  test(`generated requirement lines parse as generated, and parse → print → parse is stable (seed ${seed})`, () => {
    const gen = new Generator(random(seed));
    const lines: string[] = [];
    const expected: (Expected & { line: number })[] = [];
    for (let i = 0; i < 100; i++) {
      const { text, expected: fields } = gen.requirement();
      if (gen.chance(0.1)) lines.push('# a comment line', '');
      expected.push({ ...fields, line: lines.length + 1 });
      lines.push(...gen.physical(text));
    }
    const first = parseRequirementsText(lines.join('\n'), 'requirements.txt', root);
    assert.deepEqual(first.problems, [], `seed ${seed}`);
    assert.equal(first.requirements.length, expected.length);
    first.requirements.forEach((req, i) => {
      const want = expected[i]!;
      const context = `seed ${seed}, generated line ${want.line}: ${lines[want.line - 1]}`;
      assert.equal(req.line, want.line, context);
      assert.equal(req.rawName, want.rawName, context);
      assert.equal(req.name, want.rawName.toLowerCase().replace(/[-_.]+/g, '-'), context);
      assert.deepEqual(req.extras, want.extras, context);
      assert.equal(req.specifier, want.specifier, context);
      assert.equal(req.marker, want.marker, context);
      assert.equal(req.url, want.url, context);
      assert.deepEqual(req.hashes, want.hashes, context);
      assert.equal(req.pinned, want.pinned, context);
    });

    const printed = printRequirements(first.requirements);
    const second = parseRequirementsText(printed, 'requirements.txt', root);
    assert.deepEqual(second.problems, []);
    assert.deepEqual(withoutPlace(second.requirements), withoutPlace(first.requirements));
    assert.equal(printRequirements(second.requirements), printed, 'printing is a fixed point');
  });
}

test('editables, unnamed URLs and constraints print in forms pip reads back the same', () => {
  const text = [
    '-e git+https://github.com/org/lib.git@main#egg=lib',
    'https://files.example.org/Brotli-1.1.0-cp312-cp312-manylinux_2_17_x86_64.whl ; sys_platform == "linux"',
    'https://files.example.org/unnamed.tar.gz',
  ].join('\n');
  const first = parseRequirementsText(text, 'requirements.txt', root);
  const printed = printRequirements(first.requirements);
  const second = parseRequirementsText(printed, 'requirements.txt', root);
  assert.deepEqual(withoutPlace(second.requirements), withoutPlace(first.requirements));
  assert.equal(printed.split('\n')[0], '-e git+https://github.com/org/lib.git@main#egg=lib');
});

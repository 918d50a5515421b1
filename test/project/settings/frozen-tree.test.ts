/**
 * The frozen tree (what every reader gets, from the parse cache or fresh) against tree-sitter's own
 * tree of the same text, node by node, on real projects' Python files and on text written to be
 * awkward: syntax errors, MISSING nodes, comments, text beyond the Basic Multilingual Plane, a lone
 * surrogate. And a damaged cache entry is refused, never read as a tree.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { before, test } from 'node:test';
import { Language, Parser, type Node as LiveNode } from 'web-tree-sitter';
import { freezeTree, thawTree } from '../../../src/project/settings/frozen-tree.js';
import type { SyntaxNode } from '../../../src/project/settings/syntax-node.js';

const require = createRequire(import.meta.url);
const FIXTURES = join(import.meta.dirname, '../../fixtures');
let parser: Parser;

before(async () => {
  await Parser.init({ locateFile: () => require.resolve('web-tree-sitter/web-tree-sitter.wasm') });
  const language = await Language.load(readFileSync(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
  parser = new Parser();
  parser.setLanguage(language);
});

function pythonFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...pythonFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.py')) found.push(path);
  }
  return found;
}

/** Compares every node, walking both trees side by side without recursion. */
function assertSameTree(live: LiveNode, frozen: SyntaxNode, where: string): number {
  const pending: Array<[LiveNode, SyntaxNode]> = [[live, frozen]];
  let nodes = 0;
  while (pending.length) {
    const [a, b] = pending.pop()!;
    nodes++;
    const at = `${where} node ${a.type}@${a.startPosition.row + 1}:${a.startPosition.column}`;
    assert.equal(b.type, a.type, at);
    assert.deepEqual(
      [b.isNamed, b.isMissing, b.isError, b.hasError, b.startIndex, b.endIndex, b.startPosition, b.endPosition, b.text],
      [a.isNamed, a.isMissing, a.isError, a.hasError, a.startIndex, a.endIndex, a.startPosition, a.endPosition, a.text],
      at,
    );
    assert.equal(b.childCount, a.childCount, at);
    assert.equal(b.namedChildCount, a.namedChildCount, at);
    assert.equal(b.parent?.startIndex, a.parent?.startIndex, at);
    assert.equal(b.parent?.type, a.parent?.type, at);
    const fields = new Set<string>();
    for (let i = 0; i < a.childCount; i++) {
      const field = a.fieldNameForChild(i);
      if (field) fields.add(field);
    }
    for (const field of [...fields, 'no_such_field']) {
      assert.equal(b.childForFieldName(field)?.startIndex, a.childForFieldName(field)?.startIndex, `${at} field ${field}`);
      assert.deepEqual(
        b.childrenForFieldName(field).map((n) => n.startIndex),
        a.childrenForFieldName(field).map((n) => n?.startIndex),
        `${at} fields ${field}`,
      );
    }
    const liveChildren = a.children;
    const frozenChildren = b.children;
    for (let i = 0; i < liveChildren.length; i++) pending.push([liveChildren[i]!, frozenChildren[i]!]);
  }
  for (const types of ['call', ['identifier', 'string'], 'ERROR']) {
    assert.deepEqual(
      frozen.descendantsOfType(types).map((n) => n.startIndex),
      live.descendantsOfType(types).map((n) => n?.startIndex),
      `${where} descendantsOfType(${String(types)})`,
    );
  }
  return nodes;
}

function roundTrip(source: string, where: string): number {
  const live = parser.parse(source)!;
  try {
    const frozen = thawTree(freezeTree(live, source), source);
    assert.ok(frozen, `${where}: the frozen tree reads back`);
    return assertSameTree(live.rootNode, frozen.rootNode, where);
  } finally {
    live.delete();
  }
}

test('frozen trees read as tree-sitter does, node by node, on real projects (every 6th Python file of the corpus)', () => {
  const files = pythonFiles(FIXTURES).sort().filter((_, i) => i % 6 === 0);
  assert.ok(files.length > 300, `sampled ${files.length} files`);
  let nodes = 0;
  for (const file of files) nodes += roundTrip(readFileSync(file, 'utf8'), relative(FIXTURES, file));
  assert.ok(nodes > 100_000, `compared ${nodes} nodes`);
});

const AWKWARD: Record<string, string> = {
  'a syntax error': 'def f(:\n    pass\nX = [1, 2\n',
  'a missing token': 'X = (1,\nY = 2\n',
  'CRLF and lone CR line ends': 'X = 1\r\nY = (2,\r\n     3)\rZ = "a\\\r\nb"\r\n',
  'errors nested in errors': 'def f(:\n  class (:\n    x = [1, (2,\n  return ]]\nY = {1: }\nlambda: : :\n',
  'binary junk': '\u0000\u0001 ) ( def \uffff class = = \n\t\t import from ; ; @@ \\\n',
  'an unclosed string and bracket at the end': 'X = """never closed\nY = (1, [2, {3',
  'comments and line continuations': 'X = 1  # one\n# alone\nY = (2 +  # two\n     3) \\\n    + 4\n',
  'text beyond the BMP': 'NAME = "é😀 ünï"  # 😀\nX = "😀"[0]\n',
  'a lone surrogate': `X = "\ud800"\nY = 1\n`,
  'an empty file': '',
  'decorators, classes and f-strings': '@dec(1)\nclass A(B, metaclass=M):\n    x: int = 1\n    def f(self, *a, **k):\n        return f"{self.x!r:>{a}}"\n',
  'deep nesting': `X = ${'('.repeat(150)}1${')'.repeat(150)}\n`,
};

for (const [name, source] of Object.entries(AWKWARD)) {
  test(`frozen trees read as tree-sitter does: ${name}`, () => {
    roundTrip(source, name);
  });
}

test('a walk over a frozen tree visits the nodes as tree-sitter\'s cursor does', () => {
  const source = 'def f(a, b=1):\n    return [a, (b, {"k": a})]\n';
  const live = parser.parse(source)!;
  const frozen = thawTree(freezeTree(live, source), source)!;
  const visit = (cursor: { nodeType: string; currentDepth: number; currentFieldName: string | null; startIndex: number; gotoFirstChild(): boolean; gotoNextSibling(): boolean; gotoParent(): boolean }) => {
    const seen: string[] = [];
    for (;;) {
      seen.push(`${cursor.currentDepth}:${cursor.nodeType}:${cursor.currentFieldName ?? ''}:${cursor.startIndex}`);
      if (cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return seen;
    }
  };
  const liveCursor = live.walk();
  assert.deepEqual(visit(frozen.walk()), visit(liveCursor));
  liveCursor.delete();
  live.delete();
});

test('a cache entry of another text, or damaged anywhere, is refused, never read as a tree', () => {
  const source = 'DEBUG = False\nALLOWED_HOSTS = ["example.com"]\n';
  const live = parser.parse(source)!;
  const bytes = freezeTree(live, source);
  live.delete();
  assert.ok(thawTree(bytes, source));
  assert.equal(thawTree(bytes, source.replace('False', 'True ')), undefined, 'same length, other text');
  assert.equal(thawTree(bytes, `${source} `), undefined, 'other length');
  assert.equal(thawTree(bytes.subarray(0, bytes.length - 4), source), undefined, 'truncated');
  assert.equal(thawTree(Buffer.from('not a tree at all'), source), undefined, 'garbage');
  // Every single byte changed in turn: refused, or a tree whose every node can still be walked.
  let refused = 0;
  for (let i = 0; i < bytes.length; i++) {
    const damaged = Buffer.from(bytes);
    damaged[i] = damaged[i]! ^ 0x5a;
    const tree = thawTree(damaged, source);
    if (!tree) {
      refused++;
      continue;
    }
    const all = tree.rootNode.descendantsOfType(['module', 'expression_statement', 'assignment', 'identifier', 'list', 'string']);
    for (const node of all) void [node.text, node.children.length, node.parent?.type];
  }
  assert.ok(refused > bytes.length / 4, `${refused} of ${bytes.length} damaged copies refused`);
});

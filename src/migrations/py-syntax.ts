import type { SyntaxNode as Node } from '../project/settings/syntax-node.js';
import { literalString } from '../project/python-literals.js';

/**
 * A migration file's expressions as plain data: what Django's migration writer emits (calls, literals,
 * lists, dotted names). Anything else keeps its source text, so a rule can say what it could not read.
 */
export type Py =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'bool'; v: boolean }
  | { t: 'none' }
  | { t: 'seq'; items: Py[] }
  | { t: 'dict'; entries: [Py, Py][] }
  | { t: 'call'; callee: string; args: Py[]; kwargs: Record<string, Py>; line: number }
  | { t: 'name'; v: string }
  | { t: 'other'; text: string; line: number };

export function toPy(node: Node): Py {
  switch (node.type) {
    case 'string':
    case 'concatenated_string': {
      const v = literalString(node);
      return v === undefined ? other(node) : { t: 'str', v };
    }
    case 'integer':
    case 'float': {
      const v = Number(node.text.replace(/_/g, ''));
      return Number.isNaN(v) ? other(node) : { t: 'num', v };
    }
    case 'true':
    case 'false':
      return { t: 'bool', v: node.type === 'true' };
    case 'none':
      return { t: 'none' };
    case 'unary_operator': {
      const inner = node.namedChildren[0];
      const value = inner && toPy(inner);
      return value?.t === 'num' && node.text.trimStart().startsWith('-') ? { t: 'num', v: -value.v } : other(node);
    }
    case 'parenthesized_expression': {
      const inner = named(node)[0];
      return inner ? toPy(inner) : other(node);
    }
    case 'list':
    case 'tuple':
    case 'set':
      return { t: 'seq', items: named(node).map(toPy) };
    case 'dictionary':
      return {
        t: 'dict',
        entries: named(node).flatMap((pair): [Py, Py][] => {
          const key = pair.childForFieldName('key');
          const value = pair.childForFieldName('value');
          return pair.type === 'pair' && key && value ? [[toPy(key), toPy(value)]] : [];
        }),
      };
    case 'identifier':
    case 'attribute':
      return { t: 'name', v: node.text.replace(/\s+/g, '') };
    case 'call':
      return toCall(node);
    default:
      return other(node);
  }
}

function toCall(node: Node): Py {
  const fn = node.childForFieldName('function');
  const argList = node.childForFieldName('arguments');
  if (!fn || !argList || (fn.type !== 'identifier' && fn.type !== 'attribute')) return other(node);
  const args: Py[] = [];
  const kwargs: Record<string, Py> = {};
  for (const arg of named(argList)) {
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) kwargs[name] = toPy(value);
    } else args.push(toPy(arg));
  }
  return { t: 'call', callee: fn.text.replace(/\s+/g, ''), args, kwargs, line: node.startPosition.row + 1 };
}

function named(node: Node): Node[] {
  return node.namedChildren.filter((n): n is Node => n !== null && n.type !== 'comment');
}

function other(node: Node): Py {
  return { t: 'other', text: node.text, line: node.startPosition.row + 1 };
}

/** The last part of a dotted name: `migrations.AddField` → `AddField`. */
export function shortName(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

/** A call's argument by keyword, else by position (Django's operations take both). */
export function argument(call: Extract<Py, { t: 'call' }>, name: string, position: number): Py | undefined {
  return call.kwargs[name] ?? call.args[position];
}

export function asString(value: Py | undefined): string | undefined {
  return value?.t === 'str' ? value.v : undefined;
}

export function asBool(value: Py | undefined): boolean | undefined {
  return value?.t === 'bool' ? value.v : undefined;
}

/** Python source-ish text of a value, for messages. */
export function show(value: Py): string {
  switch (value.t) {
    case 'str':
      return JSON.stringify(value.v);
    case 'num':
      return String(value.v);
    case 'bool':
      return value.v ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'seq':
      return `[${value.items.map(show).join(', ')}]`;
    case 'dict':
      return `{${value.entries.map(([k, v]) => `${show(k)}: ${show(v)}`).join(', ')}}`;
    case 'call':
      return `${value.callee}(…)`;
    case 'name':
      return value.v;
    case 'other':
      return value.text.length > 60 ? value.text.slice(0, 57) + '…' : value.text;
  }
}

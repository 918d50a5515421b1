import type { SyntaxNode as Node } from './settings/syntax-node.js';

/**
 * Literal values read straight from Python syntax, for the small files implanta reads without
 * evaluating (manage.py, wsgi.py, gunicorn.conf.py). Anything that is not a plain literal is
 * undefined: those files are read for constants, and a computed value is not one.
 */
export function literalString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    const parts = node.namedChildren.map((n) => literalString(n));
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  if (node.type !== 'string') return undefined;
  const start = node.namedChildren[0];
  if (!start || /[bB]/.test(start.text)) return undefined;
  const raw = /[rR]/.test(start.text);
  let text = '';
  for (const child of node.namedChildren) {
    if (child.type === 'string_start' || child.type === 'string_end') continue;
    if (child.type !== 'string_content') return undefined;
    const content = child.text;
    // Quote and backslash escapes are all these files use; anything else is not worth decoding.
    if (!raw && /\\[^'"\\]/.test(content)) return undefined;
    text += raw ? content : content.replace(/\\(['"\\])/g, '$1');
  }
  return text;
}

/** A list, tuple or set of string literals. */
export function literalStrings(node: Node | null | undefined): string[] | undefined {
  if (!node || !['list', 'tuple', 'set'].includes(node.type)) return undefined;
  const items = node.namedChildren.filter((n) => n.type !== 'comment').map((n) => literalString(n));
  return items.every((i) => i !== undefined) ? (items as string[]) : undefined;
}

/** A dict whose keys and values are string literals. */
export function literalStringDict(node: Node | null | undefined): Map<string, string> | undefined {
  if (!node || node.type !== 'dictionary') return undefined;
  const map = new Map<string, string>();
  for (const pair of node.namedChildren) {
    if (pair.type === 'comment') continue;
    const key = pair.type === 'pair' ? literalString(pair.childForFieldName('key')) : undefined;
    const value = pair.type === 'pair' ? literalString(pair.childForFieldName('value')) : undefined;
    if (key === undefined || value === undefined) return undefined;
    map.set(key, value);
  }
  return map;
}

/** Every node of a type in the tree, in source order. */
export function nodesOfType(root: Node, type: string): Node[] {
  return root.descendantsOfType(type).filter((n): n is Node => n !== null);
}

export const lineOf = (node: Node): number => node.startPosition.row + 1;

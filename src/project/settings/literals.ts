/** Python literals as tree-sitter gives them: numbers, strings with their prefixes, f-strings. */
import type { SyntaxNode as Node } from './syntax-node.js';
import { Unknown, type PyValue } from '../python-value.js';
import type { Frame } from './context.js';
import { formatValue } from './formatting.js';
import { pyStr } from './values.js';

/** Evaluates an expression node; passed in to keep this module free of the expression evaluator. */
export type Evaluate = (frame: Frame, node: Node) => PyValue;

export function numberLiteral(frame: Frame, node: Node): PyValue {
  const text = node.text.replace(/_/g, '').toLowerCase();
  if (text.endsWith('j')) return frame.unknown('a complex number', node);
  if (/^0[xob]/.test(text)) return parseInt(text.slice(2), { x: 16, o: 8, b: 2 }[text[1] as 'x' | 'o' | 'b']);
  return Number(text);
}

/** A string or implicitly concatenated strings (`'a' "b"`), f-strings included. */
export function stringLiteral(frame: Frame, node: Node, evaluate: Evaluate): PyValue {
  const parts = node.type === 'concatenated_string' ? node.namedChildren.filter((c) => c.type === 'string') : [node];
  let out = '';
  for (const part of parts) {
    const piece = singleString(frame, part, evaluate);
    if (piece instanceof Unknown) return piece;
    out += piece;
  }
  return out;
}

function singleString(frame: Frame, node: Node, evaluate: Evaluate): string | Unknown {
  const start = node.namedChildren.find((c) => c.type === 'string_start')?.text ?? '"';
  const prefix = start.replace(/['"]+$/, '').toLowerCase();
  if (prefix.includes('b')) return frame.unknown('a bytes literal', node);
  const raw = prefix.includes('r');
  const formatted = prefix.includes('f');
  let out = '';
  for (const child of node.namedChildren) {
    if (child.type === 'string_content') {
      let text = raw ? child.text : decodeEscapes(child.text);
      if (text === undefined) return frame.unknown('a string with a \\N{…} escape', child);
      if (formatted) text = text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      out += text;
    } else if (child.type === 'interpolation') {
      const piece = interpolation(frame, child, evaluate);
      if (piece instanceof Unknown) return piece;
      out += piece;
    }
  }
  return out;
}

/** `{expr!r:spec}` in an f-string; `{expr=}` writes the source text too, as Python does. */
function interpolation(frame: Frame, node: Node, evaluate: Evaluate): string | Unknown {
  const expression = node.childForFieldName('expression');
  if (!expression) return frame.unknown('an empty f-string field', node);
  const value = evaluate(frame, expression);
  const selfDocumenting = node.children.some((c) => !c.isNamed && c.type === '=');
  const conversion = node.childForFieldName('type_conversion')?.text.slice(1);
  const specNode = node.childForFieldName('format_specifier');
  let spec = '';
  if (specNode) {
    const nested = specNode.namedChildren.filter((c) => c.type === 'format_expression');
    let failed: Unknown | undefined;
    let index = 0;
    spec = specNode.text.replace(/^:/, '').replace(/\{[^{}]*\}/g, () => {
      const inner = nested[index++]?.childForFieldName('expression');
      const text = inner ? pyStr(evaluate(frame, inner)) : frame.unknown('a nested format field', specNode);
      if (text instanceof Unknown) failed ??= text;
      return typeof text === 'string' ? text : '';
    });
    if (failed) return failed;
  }
  const text = formatValue(value, conversion ?? (selfDocumenting && !specNode ? 'r' : undefined), spec);
  if (text instanceof Unknown) return text;
  return selfDocumenting ? `${expression.text}=${text}` : text;
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '' };

/** Python's escapes in a non-raw string; undefined for `\N{name}`, which needs the Unicode database. */
export function decodeEscapes(text: string): string | undefined {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\\' || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[i + 1]!;
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (/[0-7]/.test(next)) {
      const digits = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
      out += String.fromCodePoint(parseInt(digits, 8));
      i += digits.length;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const length = { x: 2, u: 4, U: 8 }[next];
      const hex = text.slice(i + 2, i + 2 + length);
      if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(hex)) return undefined;
      out += String.fromCodePoint(parseInt(hex, 16));
      i += 1 + length;
    } else if (next === 'N') {
      return undefined;
    } else {
      // Python keeps an unknown escape as written: '\d' is backslash, d.
      out += ch;
    }
  }
  return out;
}

/**
 * Python's three ways of building text from values: `format()` specs (f-strings, str.format) and
 * `%` formatting. Anything beyond the common cases gives Unknown rather than a guess.
 */
import { PyDict, PyTuple, Unknown, type PyValue } from '../python-value.js';
import { chargeUnits } from './budget.js';
import { asNumber, formatNumber, pyReprKnown, pyStr } from './values.js';

/** `format(value, spec)` after an optional `!r`/`!s`/`!a` conversion. */
export function formatValue(value: PyValue, conversion: string | undefined, spec: string): string | Unknown {
  if (value instanceof Unknown) return value;
  const subject = conversion === 'r' || conversion === 'a' ? pyReprKnown(value) : conversion === 's' ? pyStr(value) : value;
  if (subject instanceof Unknown) return subject;
  return spec === '' ? pyStr(subject) : applySpec(subject, spec);
}

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s;

function applySpec(value: PyValue, spec: string): string | Unknown {
  const m = SPEC.exec(spec);
  if (!m) return new Unknown(`format spec '${spec}' is not understood`);
  const [, fillChar, alignChar, sign, , zero, widthText, grouping, precisionText, type] = m;
  const width = widthText ? Number(widthText) : 0;
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  let body: string;
  let align = alignChar ?? '';
  let fill = fillChar ?? ' ';
  const n = typeof value === 'string' ? undefined : asNumber(value);
  if (typeof value === 'string') {
    if (type && type !== 's') return new Unknown(`format code '${type}' for a string`);
    body = precision === undefined ? value : [...value].slice(0, precision).join('');
    align ||= '<';
  } else if (n !== undefined) {
    const text = formatNumberSpec(n, type, precision, grouping);
    if (text instanceof Unknown) return text;
    body = n >= 0 && (sign === '+' || sign === ' ') ? sign + text : text;
    if (zero && !alignChar) {
      fill = '0';
      align = '=';
    }
    align ||= '>';
  } else {
    const text = pyStr(value);
    if (text instanceof Unknown) return text;
    body = text;
    align ||= '<';
  }
  return pad(body, width, fill, align);
}

function formatNumberSpec(n: number, type: string | undefined, precision: number | undefined, grouping: string | undefined): string | Unknown {
  let text: string;
  switch (type) {
    case undefined:
    case 'd':
    case 'n':
      text = precision === undefined ? formatNumber(n) : n.toFixed(precision);
      break;
    case 'f':
    case 'F':
      text = n.toFixed(precision ?? 6);
      break;
    case '%':
      text = `${(n * 100).toFixed(precision ?? 6)}%`;
      break;
    case 'x':
      text = Math.trunc(n).toString(16);
      break;
    case 'X':
      text = Math.trunc(n).toString(16).toUpperCase();
      break;
    case 'o':
      text = Math.trunc(n).toString(8);
      break;
    case 'b':
      text = Math.trunc(n).toString(2);
      break;
    default:
      return new Unknown(`format code '${type}' for a number`);
  }
  if (grouping) {
    const [int, frac] = text.split('.');
    text = int!.replace(/\B(?=(\d{3})+(?!\d))/g, grouping) + (frac === undefined ? '' : `.${frac}`);
  }
  return text;
}

function pad(body: string, width: number, fill: string, align: string): string {
  const missing = width - [...body].length;
  if (missing <= 0) return body;
  chargeUnits(missing * fill.length);
  switch (align) {
    case '<':
      return body + fill.repeat(missing);
    case '^':
      return fill.repeat(Math.floor(missing / 2)) + body + fill.repeat(Math.ceil(missing / 2));
    case '=': {
      const signed = /^[+\- ]/.test(body);
      return signed ? body[0] + fill.repeat(missing) + body.slice(1) : fill.repeat(missing) + body;
    }
    default:
      return fill.repeat(missing) + body;
  }
}

/** `fmt % args`: a tuple gives positional values, a dict named ones (`%(name)s`), anything else one value. */
export function percentFormat(fmt: string, args: PyValue): string | Unknown | TypeError {
  if (args instanceof Unknown) return args;
  const positional = args instanceof PyTuple ? args.items : [args];
  let next = 0;
  let out = '';
  const directive = /%(?:\(([^)]*)\))?([#0\- +]*)(\d+|\*)?(?:\.(\d+))?[hlL]?([diouxXeEfFgGcrsa%])/gy;
  let last = 0;
  for (let i = fmt.indexOf('%'); i >= 0; i = fmt.indexOf('%', last)) {
    out += fmt.slice(last, i);
    directive.lastIndex = i;
    const m = directive.exec(fmt);
    if (!m) return new TypeError('incomplete format');
    last = directive.lastIndex;
    const [, key, flags, width, precision, code] = m as unknown as [string, string | undefined, string, string | undefined, string | undefined, string];
    if (code === '%') {
      out += '%';
      continue;
    }
    let value: PyValue | undefined;
    if (key !== undefined) {
      if (!(args instanceof PyDict)) return new TypeError('format requires a mapping');
      value = args.get(key);
      if (value === undefined) return new TypeError(`missing key in format mapping`);
    } else {
      value = positional[next++];
      if (value === undefined) return new TypeError('not enough arguments for format string');
    }
    if (width === '*') return new Unknown('%-format with a * width');
    const piece = percentPiece(value, code, flags, precision);
    if (piece instanceof Unknown) return piece;
    const align = flags.includes('-') ? '<' : '>';
    const fill = flags.includes('0') && align === '>' && code !== 's' && code !== 'r' ? '0' : ' ';
    out += pad(piece, width ? Number(width) : 0, fill, fill === '0' ? '=' : align);
  }
  out += fmt.slice(last);
  // A dict is used by name, never positionally; anything else must be used up.
  if (!(args instanceof PyDict) && next < positional.length) return new TypeError('not all arguments converted during string formatting');
  return out;
}

function percentPiece(value: PyValue, code: string, flags: string, precision: string | undefined): string | Unknown {
  if (code === 's') return pyStr(value);
  if (code === 'r' || code === 'a') return pyReprKnown(value);
  const n = asNumber(value);
  if (value instanceof Unknown) return value;
  if (n === undefined) return new Unknown(`%${code} of a value that is not a number`);
  const spec = `${flags.includes('+') ? '+' : ''}${precision === undefined ? '' : `.${precision}`}${code === 'i' || code === 'u' ? 'd' : code}`;
  return applySpec(code === 'd' || code === 'i' || code === 'u' ? Math.trunc(n) : n, spec);
}

/** `fmt.format(*positional, **keywords)`: `{}`, `{0}`, `{name}`, `{name[key]}`, conversions and specs. */
export function strFormat(fmt: string, positional: PyValue[], keywords: Map<string, PyValue>): string | Unknown | TypeError {
  let out = '';
  let auto = 0;
  let i = 0;
  while (i < fmt.length) {
    const ch = fmt[i]!;
    if (ch === '{' && fmt[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    if (ch === '}' && fmt[i + 1] === '}') {
      out += '}';
      i += 2;
      continue;
    }
    if (ch !== '{') {
      out += ch;
      i++;
      continue;
    }
    const end = fmt.indexOf('}', i);
    if (end < 0) return new TypeError("Single '{' encountered in format string");
    const field = fmt.slice(i + 1, end);
    i = end + 1;
    const m = /^([^!:[.]*)((?:\[[^\]]*\])*)(?:!([rsa]))?(?::(.*))?$/s.exec(field);
    if (!m) return new Unknown(`format field {${field}} is not understood`);
    const [, name, indexes, conversion, spec] = m as unknown as [string, string, string, string | undefined, string | undefined];
    let value: PyValue | undefined = name === '' ? positional[auto++] : /^\d+$/.test(name) ? positional[Number(name)] : keywords.get(name);
    if (value === undefined) return new TypeError(`format field {${name}} has no value`);
    for (const [, key] of indexes.matchAll(/\[([^\]]*)\]/g)) {
      if (value instanceof Unknown) break;
      value = value instanceof PyDict ? value.get(key!) : Array.isArray(value) && /^\d+$/.test(key!) ? value[Number(key)] : undefined;
      if (value === undefined) return new Unknown(`format field {${field}} looks up something not known`);
    }
    const text = formatValue(value, conversion, spec ?? '');
    if (text instanceof Unknown) return text;
    out += text;
  }
  return out;
}

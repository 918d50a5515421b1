/**
 * python-decouple: `config('X', default=..., cast=...)` reads the environment first, then the
 * settings.ini or .env found walking up from the calling file's folder; `Csv()` and `Choices()`
 * casts; explicit `Config(RepositoryEnv(path))` and `AutoConfig(search_path)`.
 */
import { dirname, join } from 'node:path';
import type { SyntaxNode as Node } from '../syntax-node.js';
import { PyOpaque, PyPath, PyTuple, Unknown, type PyValue } from '../../python-value.js';
import { invoke } from '../calls.js';
import { argument, type Call, type CallHandler, type DecoupleRepository, type Frame } from '../context.js';
import type { ObjectBehaviour } from '../objects.js';
import { PyRaise } from '../signals.js';
import { BoundMethod, pyEquals, pyStr, sameValue, type Comparable } from '../values.js';
import { envName, readEnv } from './environment.js';
import { findUpwards, loadEnvFile } from './env-files.js';

const VIA = 'decouple.config';
const TRUE_VALUES = ['y', 'yes', 't', 'true', 'on', '1'];
const FALSE_VALUES = ['n', 'no', 'f', 'false', 'off', '0'];
const EMPTY: DecoupleRepository = { values: new Map(), ignoreCase: false };

function isUndefinedMarker(v: PyValue | undefined): boolean {
  return v === undefined || (v instanceof PyOpaque && v.name === 'decouple.undefined');
}

/** Reads a repository file; a file missing at the given path is an error in decouple too. */
function repositoryAt(frame: Frame, abs: string, kind: 'env' | 'ini', node: Node): DecoupleRepository {
  const values = loadEnvFile(frame, abs, kind === 'ini' ? 'ini' : 'decouple');
  if (!values) {
    frame.ev.noteMayRaise('FileNotFoundError');
    throw new PyRaise('FileNotFoundError', `decouple cannot read ${frame.ev.sources.rel(abs)}`, frame.file, node.startPosition.row + 1);
  }
  return { values, ignoreCase: kind === 'ini' };
}

/** AutoConfig: settings.ini, else .env, in the folder or the nearest one above it within the project. */
function discoverRepository(frame: Frame, start: string): DecoupleRepository {
  const found = findUpwards(frame, start, ['settings.ini', '.env']);
  if (!found) return EMPTY;
  const values = loadEnvFile(frame, found, found.endsWith('.ini') ? 'ini' : 'decouple');
  return values ? { values, ignoreCase: found.endsWith('.ini') } : EMPTY;
}

function lookup(repository: DecoupleRepository, name: string): string | null | undefined {
  return repository.values.get(repository.ignoreCase ? name.toLowerCase() : name);
}

/** A `Config` object; an AutoConfig finds its repository on first use, from the caller's folder. */
class DecoupleConfig extends PyOpaque implements ObjectBehaviour, Comparable {
  constructor(
    private repository: DecoupleRepository | undefined,
    private readonly searchPath?: string,
  ) {
    super('decouple.Config');
  }

  sameAs(other: PyOpaque): boolean {
    return other === this;
  }

  getAttribute(frame: Frame, name: string, node: Node): PyValue {
    return name === 'get' ? new BoundMethod(this, 'get') : frame.unknown(`decouple.Config.${name}`, node);
  }

  callSelf(call: Call): PyValue {
    this.repository ??= discoverRepository(call.frame, this.searchPath ?? dirname(call.frame.module.abs));
    return configGet(call, this.repository);
  }

  callMethod(call: Call, method: string): PyValue {
    return method === 'get' ? this.callSelf(call) : call.frame.unknown(`calls decouple.Config.${method}()`, call.node);
  }
}

/** Config.get(option, default=undefined, cast=undefined). */
function configGet(call: Call, repository: DecoupleRepository): PyValue {
  const { frame, node } = call;
  const name = envName(frame, argument(call, 0, 'option'), node);
  if (name instanceof Unknown) return name;
  const fallback = argument(call, 1, 'default');
  const cast = argument(call, 2, 'cast');
  const hasDefault = !isUndefinedMarker(fallback);
  let value: PyValue | undefined = readEnv(frame, name, VIA, !hasDefault, node);
  value ??= lookup(repository, name);
  if (value === undefined) {
    if (!hasDefault) throw new PyRaise('UndefinedValueError', `config('${name}'): ${name} is not set and has no default: the app would not boot`, frame.file, node.startPosition.row + 1);
    value = fallback!;
  }
  if (value instanceof Unknown || isUndefinedMarker(cast)) return value;
  if (cast instanceof PyOpaque && cast.constructor === PyOpaque && cast.name === 'bool') return castBoolean(call, name, value);
  return invoke(frame, cast!, { positional: [value], keywords: new Map() }, node);
}

/** decouple's bool: '' is False; otherwise one of its true/false words, or a ValueError. */
function castBoolean(call: Call, name: string, value: PyValue): PyValue {
  const text = pyStr(value);
  if (text instanceof Unknown) return text;
  if (text === '') return false;
  const lower = text.toLowerCase();
  if (TRUE_VALUES.includes(lower)) return true;
  if (FALSE_VALUES.includes(lower)) return false;
  throw new PyRaise('ValueError', `config('${name}', cast=bool): the value is not a boolean word`, call.frame.file, call.frame.line);
}

/** `Csv(cast=str, delimiter=',', strip=whitespace, post_process=list)`. */
class CsvCast extends PyOpaque implements ObjectBehaviour, Comparable {
  constructor(
    readonly cast: PyValue,
    readonly delimiter: string,
    readonly strip: string,
    readonly postProcess: PyValue,
  ) {
    super('decouple.Csv');
  }

  sameAs(other: PyOpaque): boolean {
    const o = other as CsvCast;
    return sameValue(o.cast, this.cast) && o.delimiter === this.delimiter && o.strip === this.strip && sameValue(o.postProcess, this.postProcess);
  }

  callSelf(call: Call): PyValue {
    const { frame, node } = call;
    const value = call.args.positional[0];
    if (value instanceof Unknown) return value;
    if (typeof value !== 'string') return frame.unknown('Csv() of a value that is not text', node);
    const tokens = shlexSplit(value, this.delimiter);
    if (tokens === undefined) throw new PyRaise('ValueError', 'Csv(): no closing quotation', frame.file, frame.line);
    const items: PyValue[] = [];
    for (const token of tokens) {
      const item = invoke(frame, this.cast, { positional: [stripSet(token, this.strip)], keywords: new Map() }, node);
      if (item instanceof Unknown) return item;
      items.push(item);
    }
    const post = this.postProcess instanceof PyOpaque ? this.postProcess.name : '';
    if (post === 'list') return items;
    if (post === 'tuple') return new PyTuple(items);
    return invoke(frame, this.postProcess, { positional: [items], keywords: new Map() }, node);
  }
}

function stripSet(s: string, chars: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && chars.includes(s[start]!)) start++;
  while (end > start && chars.includes(s[end - 1]!)) end--;
  return s.slice(start, end);
}

/**
 * shlex in POSIX mode with `whitespace` set to the delimiters, as Csv uses it: quotes group and are
 * removed, a backslash escapes, `#` starts a comment. Undefined for an unclosed quote.
 */
function shlexSplit(value: string, delimiters: string): string[] | undefined {
  const tokens: string[] = [];
  let token = '';
  let started = false;
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (quote === '"' && c === '\\' && (value[i + 1] === '"' || value[i + 1] === '\\')) token += value[++i];
      else token += c;
      continue;
    }
    if (delimiters.includes(c) || c === '#') {
      if (started) tokens.push(token);
      token = '';
      started = false;
      if (c === '#') {
        const newline = value.indexOf('\n', i);
        i = newline < 0 ? value.length : newline;
      }
      continue;
    }
    started = true;
    if (c === '"' || c === "'") quote = c;
    else if (c === '\\' && i + 1 < value.length) token += value[++i];
    else token += c;
  }
  if (quote) return undefined;
  if (started) tokens.push(token);
  return tokens;
}

/** `Choices(flat=None, cast=str, choices=None)`: the cast value must be one of the choices. */
class ChoicesCast extends PyOpaque implements ObjectBehaviour {
  constructor(
    readonly valid: PyValue[],
    readonly cast: PyValue,
  ) {
    super('decouple.Choices');
  }

  callSelf(call: Call): PyValue {
    const { frame, node } = call;
    const value = invoke(frame, this.cast, { positional: [call.args.positional[0] ?? null], keywords: new Map() }, node);
    if (value instanceof Unknown) return value;
    let unknown: Unknown | undefined;
    for (const option of this.valid) {
      const eq = pyEquals(option, value);
      if (eq === true) return value;
      if (eq instanceof Unknown) unknown ??= eq;
    }
    if (unknown) return unknown;
    throw new PyRaise('ValueError', 'Choices(): the value is not one of the choices', frame.file, frame.line);
  }
}

function pathText(frame: Frame, v: PyValue | undefined): string | undefined {
  if (typeof v === 'string') return v.startsWith('/') ? v : join(frame.ev.root, v);
  if (v instanceof PyPath) return v.path.startsWith('/') ? v.path : join(frame.ev.root, v.path);
  return undefined;
}

/** A repository object, before a Config wraps it. */
class RepositoryValue extends PyOpaque {
  constructor(readonly repository: DecoupleRepository) {
    super('decouple.Repository');
  }
}

function repositoryHandler(kind: 'env' | 'ini'): CallHandler {
  return (call) => {
    const abs = pathText(call.frame, argument(call, 0, 'source'));
    if (!abs) return call.frame.unknown('a decouple repository at a path not known', call.node);
    return new RepositoryValue(repositoryAt(call.frame, abs, kind, call.node));
  };
}

export const decoupleHandlers: Record<string, CallHandler> = {
  'decouple.config': (call) => {
    const ev = call.frame.ev;
    ev.decoupleRepository ??= discoverRepository(call.frame, dirname(call.frame.module.abs));
    return configGet(call, ev.decoupleRepository);
  },
  'decouple.AutoConfig': (call) => {
    const search = argument(call, 0, 'search_path', null);
    if (search instanceof Unknown) return search;
    return new DecoupleConfig(undefined, search === null ? undefined : pathText(call.frame, search));
  },
  'decouple.Config': (call) => {
    const repository = argument(call, 0, 'repository');
    return repository instanceof RepositoryValue ? new DecoupleConfig(repository.repository) : call.frame.unknown('a decouple Config over a repository not known', call.node);
  },
  'decouple.RepositoryEnv': repositoryHandler('env'),
  'decouple.RepositoryIni': repositoryHandler('ini'),
  'decouple.RepositoryEmpty': () => new RepositoryValue(EMPTY),
  'decouple.Csv': (call) => {
    const delimiter = argument(call, 1, 'delimiter', ',');
    const strip = argument(call, 2, 'strip', ' \t\n\r\x0b\x0c');
    if (typeof delimiter !== 'string' || typeof strip !== 'string') return call.frame.unknown('Csv() with options not known', call.node);
    return new CsvCast(argument(call, 0, 'cast', new PyOpaque('str')), delimiter, strip, argument(call, 3, 'post_process', new PyOpaque('list')));
  },
  'decouple.Choices': (call) => {
    const flat = argument(call, 0, 'flat', null);
    const choices = argument(call, 2, 'choices', null);
    const valid: PyValue[] = [];
    for (const item of flat === null ? [] : Array.isArray(flat) ? flat : flat instanceof PyTuple ? flat.items : [flat]) valid.push(item);
    for (const pair of choices === null ? [] : Array.isArray(choices) ? choices : choices instanceof PyTuple ? choices.items : []) {
      const items = Array.isArray(pair) ? pair : pair instanceof PyTuple ? pair.items : undefined;
      if (items) valid.push(items[0]!);
    }
    return new ChoicesCast(valid, argument(call, 1, 'cast', new PyOpaque('str')));
  },
};

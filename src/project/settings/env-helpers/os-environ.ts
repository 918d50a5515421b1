/** `os.environ` and `os.getenv`. */
import type { SyntaxNode as Node } from '../syntax-node.js';
import { PyDict, PyOpaque, PyTuple, Unknown, type PyValue } from '../../python-value.js';
import { argument, argumentProvenance, lineOf, type Call, type CallHandler, type Frame } from '../context.js';
import { itemProvenance, own, type Provenance } from '../provenance.js';
import type { Iterable } from '../iteration.js';
import type { ObjectBehaviour } from '../objects.js';
import { PyRaise } from '../signals.js';
import { BoundMethod, typeName } from '../values.js';
import { deleteEnv, envHas, envName, ownEnv, readEnvSource, writeEnv } from './environment.js';

const VIA = 'os.environ';
const METHODS = new Set(['get', 'setdefault', 'pop', 'copy', 'keys', 'values', 'items', 'update', '__contains__']);

function typeError(frame: Frame, message: string): PyRaise {
  return new PyRaise('TypeError', message, frame.file, frame.line);
}

/** os.environ only holds strings: assigning anything else is a TypeError. */
function envString(frame: Frame, v: PyValue | undefined): string | Unknown {
  if (typeof v === 'string' || v instanceof Unknown) return v;
  throw typeError(frame, `str expected, not ${typeName(v ?? null)}`);
}

class EnvironMapping extends PyOpaque implements ObjectBehaviour, Iterable {
  constructor() {
    super('os.environ');
  }

  getAttribute(frame: Frame, name: string, node: Node): PyValue {
    return METHODS.has(name) ? new BoundMethod(this, name) : frame.unknown(`os.environ.${name}`, node);
  }

  getItem(frame: Frame, key: PyValue, node: Node): PyValue {
    const name = envName(frame, key, node);
    if (name instanceof Unknown) return name;
    const { value, source } = readEnvSource(frame, name, VIA, true, node);
    own(frame.ev, source);
    if (value === undefined) throw new PyRaise('KeyError', `os.environ['${name}'] is not set: the app would not boot`, frame.file, lineOf(node));
    return value;
  }

  setItem(frame: Frame, key: PyValue, value: PyValue, node: Node, provenance?: Provenance): void {
    const name = envName(frame, key, node);
    if (!(name instanceof Unknown)) writeEnv(frame, name, envString(frame, value), provenance);
  }

  deleteItem(frame: Frame, key: PyValue, node: Node): void {
    const name = envName(frame, key, node);
    if (name instanceof Unknown) return;
    if (!deleteEnv(frame, name)) throw new PyRaise('KeyError', `os.environ['${name}'] is not set`, frame.file, lineOf(node));
  }

  contains(frame: Frame, item: PyValue, node: Node): boolean | PyValue {
    const name = envName(frame, item, node);
    return name instanceof Unknown ? name : envHas(frame, name, VIA, node);
  }

  asMapping(frame: Frame): PyDict | Unknown {
    const entries = [...frame.ev.environ];
    const unknown = entries.map(([, v]) => v).find((v): v is Unknown => v instanceof Unknown);
    return unknown ?? new PyDict(new Map(entries));
  }

  iterate(frame: Frame): PyValue[] | Unknown {
    const unknown = [...frame.ev.environ.values()].find((v): v is Unknown => v instanceof Unknown);
    return unknown ?? [...frame.ev.environ.keys()];
  }

  callMethod(call: Call, method: string): PyValue {
    const { frame, node } = call;
    if (method === 'copy' || method === 'keys' || method === 'values' || method === 'items') {
      const all = this.asMapping(frame);
      if (all instanceof Unknown || method === 'copy') return all;
      if (method === 'keys') return [...all.entries.keys()];
      if (method === 'values') return [...all.entries.values()];
      return [...all.entries].map(([k, v]) => new PyTuple([k, v]));
    }
    if (method === 'update') {
      const source = call.args.positional[0];
      if (source instanceof Unknown) return source;
      const entries = source instanceof PyDict ? [...source.entries] : [];
      const sourceProvenance = argumentProvenance(call, 0, 'other');
      for (const [k, v] of entries) if (typeof k === 'string') writeEnv(frame, k, envString(frame, v), itemProvenance(source, k, sourceProvenance));
      for (const [k, v] of call.args.keywords) writeEnv(frame, k, envString(frame, v), call.args.provenance?.keywords.get(k));
      return null;
    }
    const name = envName(frame, argument(call, 0, 'key'), node);
    if (name instanceof Unknown) return name;
    if (method === '__contains__') return envHas(frame, name, VIA, node);
    const fallbackName = method === 'setdefault' ? 'value' : 'default';
    const fallback = argument(call, 1, fallbackName, null);
    const fallbackProvenance = argumentProvenance(call, 1, fallbackName);
    const { value, source } = readEnvSource(frame, name, VIA, false, node);
    ownEnv(frame, source, fallbackProvenance);
    if (method === 'setdefault' && value === undefined) writeEnv(frame, name, envString(frame, fallback), fallbackProvenance);
    if (method === 'pop') {
      if (value === undefined && call.args.positional.length < 2) throw new PyRaise('KeyError', `os.environ['${name}'] is not set`, frame.file, lineOf(node));
      deleteEnv(frame, name);
    }
    return value ?? fallback;
  }
}

export const ENVIRON = new EnvironMapping();

const getenv: CallHandler = (call) => {
  const name = envName(call.frame, argument(call, 0, 'key'), call.node);
  if (name instanceof Unknown) return name;
  const { value, source } = readEnvSource(call.frame, name, 'os.getenv', false, call.node);
  ownEnv(call.frame, source, argumentProvenance(call, 1, 'default'));
  return value ?? argument(call, 1, 'default', null);
};

export const osEnvironHandlers: Record<string, CallHandler> = {
  'os.getenv': getenv,
  // putenv changes the C environment only: os.environ, which the settings read, stays as it was.
  'os.putenv': () => null,
};

export const osEnvironValues: Record<string, PyValue> = {
  'os.environ': ENVIRON,
};

/**
 * The process environment as the settings read and change it. Starts as exactly the environment the
 * caller gave (never this process's own); libraries that load .env files add to it. Every read is
 * recorded with its place, for the config-var cross-check.
 */
import type { SyntaxNode as Node } from '../syntax-node.js';
import { Unknown, type PyValue } from '../../python-value.js';
import { lineOf, type EnvValue, type Frame } from '../context.js';
import { outermostCall } from '../function-frame.js';
import { addPart, own, type EnvSource, type Provenance } from '../provenance.js';

/**
 * The value of `name`, undefined when not set, with the provenance of what was read; records the
 * read. A read inside a project helper is recorded where the settings called the helper, as
 * `helper('NAME')`: that is the line that set the setting. The read is also a part of the value
 * the call being evaluated gives (a library that reads the environment made its value from it).
 */
export function readEnvSource(frame: Frame, name: string, via: string, required: boolean, node: Node): { value: EnvValue | undefined; source: EnvSource } {
  const ev = frame.ev;
  const value = ev.environ.get(name);
  const site = outermostCall(ev);
  const origin = site ? site.origin : frame.origin(lineOf(node));
  const named = site ? site.callee : via;
  ev.recordEnvRead(name, named, required, origin);
  const written = ev.environWrites.get(name);
  const set = value !== undefined;
  const source: EnvSource = { kind: 'env', name, via: named, file: origin.file, line: origin.line, set, ...(written && (written.deleted === true) === !set && { written }) };
  addPart(ev, source);
  return { value, source };
}

export function readEnv(frame: Frame, name: string, via: string, required: boolean, node: Node): EnvValue | undefined {
  return readEnvSource(frame, name, via, required, node).value;
}

/** The call gives what `source` read, or, when the variable is unset, the default made from `fallback`. */
export function ownEnv(frame: Frame, source: EnvSource, fallback: Provenance | undefined): void {
  own(frame.ev, source.set || !fallback ? source : { ...source, default: fallback });
}

/** Whether `name` is set: true/false, or Unknown when an undecidable path may have set it. */
export function envHas(frame: Frame, name: string, via: string, node: Node): boolean | Unknown {
  const value = readEnv(frame, name, via, false, node);
  return value instanceof Unknown ? value : value !== undefined;
}

/** The settings set `name` themselves: later reads see `value`, made from `provenance`, not a config var. */
export function writeEnv(frame: Frame, name: string, value: EnvValue, provenance?: Provenance): void {
  frame.ev.environ.set(name, value);
  frame.ev.environWrites.set(name, { ...frame.origin(), ...(provenance && { value: provenance }) });
}

/** The settings removed `name` (`del os.environ[...]`, `pop`): later reads find it unset because of them. */
export function deleteEnv(frame: Frame, name: string): boolean {
  frame.ev.environWrites.set(name, { ...frame.origin(), deleted: true });
  return frame.ev.environ.delete(name);
}

/** Sets `name` unless already set: how every .env loader here behaves unless told to override. */
export function defaultEnv(frame: Frame, name: string, value: string, override = false): void {
  if (override || !frame.ev.environ.has(name)) writeEnv(frame, name, value);
}

/** An environment name argument: a string, or Unknown when the settings compute it from something unknown. */
export function envName(frame: Frame, v: PyValue | undefined, node: Node): string | Unknown {
  if (typeof v === 'string') return v;
  if (v instanceof Unknown) return v;
  return frame.unknown('an environment variable name that is not a string', node);
}

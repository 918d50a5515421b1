/**
 * The process environment as the settings read and change it. Starts as exactly the environment the
 * caller gave (never this process's own); libraries that load .env files add to it. Every read is
 * recorded with its place, for the config-var cross-check.
 */
import type { Node } from 'web-tree-sitter';
import { Unknown, type PyValue } from '../../python-value.js';
import { lineOf, type EnvValue, type Frame } from '../context.js';
import { outermostCall } from '../function-frame.js';

/**
 * The value of `name`, undefined when not set; records the read. A read inside a project helper is
 * recorded where the settings called the helper, as `helper('NAME')`: that is the line that set the setting.
 */
export function readEnv(frame: Frame, name: string, via: string, required: boolean, node: Node): EnvValue | undefined {
  const value = frame.ev.environ.get(name);
  const site = outermostCall(frame.ev);
  frame.ev.recordEnvRead(name, site ? site.callee : via, required, site ? site.origin : frame.origin(lineOf(node)));
  return value;
}

/** Whether `name` is set: true/false, or Unknown when an undecidable path may have set it. */
export function envHas(frame: Frame, name: string, via: string, node: Node): boolean | Unknown {
  const value = readEnv(frame, name, via, false, node);
  return value instanceof Unknown ? value : value !== undefined;
}

export function writeEnv(frame: Frame, name: string, value: EnvValue): void {
  frame.ev.environ.set(name, value);
}

/** Sets `name` unless already set: how every .env loader here behaves unless told to override. */
export function defaultEnv(frame: Frame, name: string, value: string, override = false): void {
  if (override || !frame.ev.environ.has(name)) frame.ev.environ.set(name, value);
}

/** An environment name argument: a string, or Unknown when the settings compute it from something unknown. */
export function envName(frame: Frame, v: PyValue | undefined, node: Node): string | Unknown {
  if (typeof v === 'string') return v;
  if (v instanceof Unknown) return v;
  return frame.unknown('an environment variable name that is not a string', node);
}

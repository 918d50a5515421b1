/**
 * The state of one evaluation: the process environment as the settings change it, the modules
 * loaded, and what the settings read and import. One Evaluator per `evaluateSettings` call.
 */
import type { SyntaxNode as Node } from './syntax-node.js';
import { Unknown, type PyValue } from '../python-value.js';
import { Budget } from './budget.js';
import { Scope } from './scope.js';
import { ANY_EXCEPTION } from './signals.js';
import type { SourceFiles } from './sources.js';
import type { BootFailure, EnvRead, ModuleUse, Origin } from './types.js';
import { DERIVE, type EnvWrite, type LiteralSource, type Parts, type Provenance, type ProvenanceSlots } from './provenance.js';

export interface ModuleState {
  /** Dotted name: `hollow.settings`. */
  name: string;
  /** Relative to the root, forward slashes; undefined for a namespace package (a folder without __init__.py). */
  file?: string;
  /** Absolute path of the file, or of the folder of a namespace package. */
  abs: string;
  /** What a relative import starts from: the module itself for a package, else its parent. */
  package: string;
  scope: Scope;
  /** One LiteralSource per line of the module, shared: provenance records are never changed. */
  literals?: Map<number, LiteralSource>;
}

/** A value of the environment: a string, or Unknown when an undecidable path may have changed it. */
export type EnvValue = string | Unknown;

/** A configuration file decouple reads values from (a .env, or settings.ini whose keys ignore case). */
export interface DecoupleRepository {
  values: Map<string, string | null>;
  ignoreCase: boolean;
}

export class Evaluator implements ProvenanceSlots {
  readonly modules = new Map<string, ModuleState>();
  readonly envReads: EnvRead[] = [];
  readonly imports: ModuleUse[] = [];
  /**
   * The same reads and imports by place (name, file, line, how): a settings module of thousands of
   * `os.environ.get` lines searched the list once per read, a quadratic second at 4,500 reads.
   */
  private readonly envReadAt = new Map<string, EnvRead>();
  private readonly importAt = new Map<string, ModuleUse>();
  readonly files: string[] = [];
  readonly dotenvFiles: string[] = [];
  /**
   * What the whole evaluation may spend (budget.ts): every loop, comprehension, call and operation
   * draws from it. `budget.step(node)`, `budget.allocate(count, node)`, `budget.enter(node)`/`leave()`.
   */
  readonly budget = new Budget();
  /** Depth of undecidable branches being explored: what happens there may not happen at all. */
  speculative = 0;
  /** Depth of try bodies: a raise there may be caught, so it must reach the handler. */
  tryDepth = 0;
  /** Depth of try bodies whose handler catches ImportError and goes on: an import there is optional. */
  importGuards = 0;
  /** Exceptions that may (not must) have been raised in the innermost try body so far. */
  mayRaise = new Set<string>();
  /**
   * decouple's module-level `config` loads its repository once, from the first caller's folder.
   */
  decoupleRepository?: DecoupleRepository;
  /**
   * Whether a module outside the project and the standard library is installed on the dyno (declared
   * in the production requirements); undefined when that cannot be told. Decides `try: import x`.
   */
  installed?: (module: string) => boolean | undefined;

  /** Provenance of the value the last `evaluate()` gave (provenance.ts). */
  provenance: Provenance | undefined = undefined;
  /** What the node being evaluated says its value came from; DERIVE: computed from its parts. */
  ownProvenance: Provenance | undefined | typeof DERIVE = DERIVE;
  /** Provenances of the parts evaluated so far for the node being evaluated. */
  provenanceParts: Parts = undefined;
  /**
   * Variables the settings wrote themselves (os.environ[...] = , setdefault, load_dotenv…), by name:
   * a later read records that its value is that write's, not a config var. Forks with `environ`.
   */
  environWrites = new Map<string, EnvWrite>();

  constructor(
    readonly root: string,
    /** os.environ as the settings see it at this point of the evaluation. */
    public environ: Map<string, EnvValue>,
    readonly sources: SourceFiles,
    /** The Django the app runs, when known: what `django.VERSION` gives. */
    readonly django?: { major: number; minor: number },
  ) {}

  recordEnvRead(name: string, via: string, required: boolean, origin: Origin): void {
    // A read is required only when the process certainly reaches it and nothing catches its failure.
    const certain = required && this.speculative === 0 && this.tryDepth === 0;
    const key = `${name}\0${origin.file}\0${origin.line}\0${via}`;
    let read = this.envReadAt.get(key);
    if (read) read.required ||= certain;
    else {
      read = { name, required: certain, file: origin.file, line: origin.line, via };
      this.envReads.push(read);
      this.envReadAt.set(key, read);
    }
    if (required && !certain && this.speculative === 0) this.caughtRequired.push(read);
  }

  /**
   * Reads that would be required but for a try around them: when its handler gives up and raises
   * again (`except KeyError: raise ImproperlyConfigured`), they were required after all.
   */
  readonly caughtRequired: EnvRead[] = [];
  /** Exceptions nothing catches, that evaluation went past (the process would have stopped there). */
  uncaughtRaises = 0;
  /** Of those, the ones the process certainly meets: a `raise` outside any try or undecidable branch. */
  readonly bootFailures: BootFailure[] = [];

  recordImport(module: string, origin: Origin, how: ModuleUse['how']): void {
    const optional = how === 'import' && this.importGuards > 0;
    const key = `${module}\0${origin.file}\0${origin.line}\0${how}`;
    const use = this.importAt.get(key);
    // Optional only if every run of the line was guarded (a helper may be called with and without a try around it).
    if (use) {
      if (!optional) delete use.optional;
      return;
    }
    const added: ModuleUse = { module, file: origin.file, line: origin.line, how, ...(optional && { optional }) };
    this.imports.push(added);
    this.importAt.set(key, added);
  }

  recordDotenvFile(file: string): void {
    if (!this.dotenvFiles.includes(file)) this.dotenvFiles.push(file);
  }

  /** Something in a try body may raise `exception`: the handlers may or may not run. */
  noteMayRaise(exception = ANY_EXCEPTION): void {
    if (this.tryDepth > 0) this.mayRaise.add(exception);
  }
}

/** Where statements of one module run. */
export class Frame {
  /** Line of the statement being executed: the origin of whatever it sets. */
  line = 1;
  /** How many statements are running inside one another in this frame: 1 at a module's top level. */
  statementDepth = 0;

  constructor(
    readonly ev: Evaluator,
    readonly module: ModuleState,
    readonly scope: Scope,
  ) {}

  /** The module's file, relative; a namespace package has none and reports its folder. */
  get file(): string {
    return this.module.file ?? this.module.name.replace(/\./g, '/');
  }

  origin(line = this.line): Origin {
    return { file: this.file, line };
  }

  /** The provenance of a literal written on `line` of this module. */
  literal(line = this.line): LiteralSource {
    const cache = (this.module.literals ??= new Map());
    let literal = cache.get(line);
    if (!literal) cache.set(line, (literal = { kind: 'literal', file: this.file, line }));
    return literal;
  }

  unknown(reason: string, node?: Node, line?: number): Unknown {
    return new Unknown(reason, this.file, node ? lineOf(node) : (line ?? this.line));
  }

  /** A frame for a comprehension: its own variables, the module's beyond. */
  child(): Frame {
    const frame = new Frame(this.ev, this.module, new Scope(this.scope));
    frame.line = this.line;
    return frame;
  }
}

export function lineOf(node: Node): number {
  return node.startPosition.row + 1;
}

/** Source text for a message: one line, shortened. */
export function snippet(node: Node, max = 60): string {
  const text = node.text.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Arguments of a call as evaluated: positional in order, keywords by name. */
export interface CallArgs {
  positional: PyValue[];
  keywords: Map<string, PyValue>;
  /** Where each argument came from, when the call site evaluated them (provenance.ts). */
  provenance?: { positional: Array<Provenance | undefined>; keywords: Map<string, Provenance | undefined> };
}

export interface Call {
  frame: Frame;
  args: CallArgs;
  node: Node;
  /** Dotted name of what is called, for messages: `os.environ.get`, `env.bool`. */
  name: string;
}

export type CallHandler = (call: Call) => PyValue;

/** Where positional-or-keyword argument `index`/`name` came from, when known. */
export function argumentProvenance(call: Call, index: number, name: string): Provenance | undefined {
  const provenance = call.args.provenance;
  if (!provenance) return undefined;
  if (index >= 0 && index < call.args.positional.length) return provenance.positional[index];
  return provenance.keywords.get(name);
}

/** Positional-or-keyword argument `index`/`name`, or `fallback` when absent. */
export function argument(call: Call, index: number, name: string): PyValue | undefined;
export function argument(call: Call, index: number, name: string, fallback: PyValue): PyValue;
export function argument(call: Call, index: number, name: string, fallback?: PyValue): PyValue | undefined {
  if (index >= 0 && index < call.args.positional.length) return call.args.positional[index];
  return call.args.keywords.has(name) ? call.args.keywords.get(name) : fallback;
}

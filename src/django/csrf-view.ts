import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { SyntaxNode as Node } from '../project/settings/syntax-node.js';
import { PythonSources } from '../project/python-sources.js';
import type { SettingsView } from '../project/settings/types.js';
import { DJANGO_CSRF_FAILURE_VIEW } from './defaults.js';
import type { CsrfViewFacts } from './facts.js';
import { readParams, requestReasonProblem } from './view-signature.js';

/** Django's decorators wrap with functools.wraps, so `inspect.signature` still sees the view's own parameters. */
const SIGNATURE_KEEPING_DECORATORS = ['django.views.decorators.', 'django.contrib.auth.decorators.'];

/**
 * What Django's CSRF_FAILURE_VIEW check would find, read statically: the module in the project tree, the
 * function in it, and whether it accepts (request, reason=…). Undefined when the setting is not a plain
 * string (the rules report that themselves).
 */
export async function csrfFailureViewFacts(root: string, settings: SettingsView, sources = new PythonSources(root)): Promise<CsrfViewFacts | undefined> {
  const binding = settings.get('CSRF_FAILURE_VIEW');
  if (!binding) return { kind: 'default' };
  return typeof binding.value === 'string' ? inspectCsrfFailureView(root, binding.value, sources) : undefined;
}

/** `sources` reads and parses the module once for every reader of the check (the view is often in views.py). */
export async function inspectCsrfFailureView(root: string, dottedPath: string, sources = new PythonSources(root)): Promise<CsrfViewFacts> {
  if (dottedPath === DJANGO_CSRF_FAILURE_VIEW) return { kind: 'default' };
  const dot = dottedPath.lastIndexOf('.');
  if (dot < 0) return { kind: 'not-importable', problem: 'the path must be fully qualified (module.function)', djangoCrashes: false };
  const moduleParts = dottedPath.slice(0, dot).split('.');
  const functionName = dottedPath.slice(dot + 1);
  const module = await findModule(root, moduleParts);
  if (module?.kind === 'file') return inspectModule(sources, module.file, functionName);
  return missingModule(root, moduleParts, module !== undefined);
}

type ModuleLookup = { kind: 'file'; file: string } | { kind: 'namespace' };

/** Python's order: a package's __init__.py, then a module file, then a bare folder (a namespace package). */
async function findModule(root: string, parts: string[]): Promise<ModuleLookup | undefined> {
  const base = parts.join('/');
  for (const file of [`${base}/__init__.py`, `${base}.py`]) {
    if ((await kindOf(join(root, file))) === 'file') return { kind: 'file', file };
  }
  return (await kindOf(join(root, base))) === 'dir' ? { kind: 'namespace' } : undefined;
}

async function kindOf(path: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Django's get_callable turns a missing module into ViewDoesNotExist (its check then crashes) when the
 * parent package imports, and lets the ImportError through (E102) when the parent is missing too.
 */
async function missingModule(root: string, parts: string[], isNamespace: boolean): Promise<CsrfViewFacts> {
  const dotted = parts.join('.');
  if (isNamespace) {
    return { kind: 'not-importable', problem: `${dotted} is a folder without __init__.py and defines nothing`, djangoCrashes: true };
  }
  if (!(await findModule(root, parts.slice(0, 1)))) {
    return { kind: 'unknown', about: 'import', reason: `${parts[0]} is not in the project (an installed package?), and implanta only reads the project` };
  }
  const parentImports = parts.length > 1 && (await findModule(root, parts.slice(0, -1))) !== undefined;
  return { kind: 'not-importable', problem: `module ${dotted} does not exist in the project`, djangoCrashes: parentImports };
}

async function inspectModule(sources: PythonSources, file: string, name: string): Promise<CsrfViewFacts> {
  const parsed = await sources.parse(file);
  if (!('tree' in parsed)) return { kind: 'unknown', about: 'import', reason: `${file} could not be read (${parsed.unreadable})`, file, line: 1 };
  const tree = parsed.tree;
  if (tree.rootNode.hasError) return { kind: 'unknown', about: 'import', reason: `${file} has a syntax error`, file, line: 1 };
  const found = findBinding(tree.rootNode, name);
  if (found.kind === 'none') {
    return { kind: 'not-importable', problem: `${file} defines no '${name}'`, djangoCrashes: true, file, line: 1 };
  }
  if (found.kind === 'dynamic') return { kind: 'unknown', about: 'import', reason: found.why, file, line: found.line };
  const line = found.node.startPosition.row + 1;
  if (found.kind === 'conditional') return { kind: 'unknown', about: 'import', reason: `'${name}' is defined conditionally in ${file}`, file, line };
  if (found.kind === 'other') return { kind: 'unknown', about: 'signature', reason: `'${name}' in ${file} is not a plain function`, file, line };
  const decorator = unknownDecorator(found.decorators, importedNames(tree.rootNode));
  if (decorator) return { kind: 'unknown', about: 'signature', reason: `'${name}' is decorated with @${decorator}, which may change its signature`, file, line };
  const parameters = found.node.childForFieldName('parameters');
  const problem = parameters ? requestReasonProblem(readParams(parameters)) : 'its parameters could not be read';
  return problem ? { kind: 'bad-signature', file, line, problem } : { kind: 'ok', file, line };
}

type Binding =
  | { kind: 'none' }
  | { kind: 'dynamic'; why: string; line: number }
  | { kind: 'conditional'; node: Node }
  | { kind: 'other'; node: Node }
  | { kind: 'function'; node: Node; decorators: Node[] };

const COMPOUND = new Set(['if_statement', 'try_statement', 'with_statement', 'for_statement', 'while_statement', 'match_statement']);

/** The last top-level statement that binds `name`, as Python leaves it after running the module. */
function findBinding(module: Node, name: string): Binding {
  let found: Binding = { kind: 'none' };
  let moduleGetattr: number | undefined;
  for (const statement of module.namedChildren) {
    const line = statement.startPosition.row + 1;
    if (COMPOUND.has(statement.type)) {
      if (bindsInside(statement, name)) found = { kind: 'conditional', node: statement };
    } else if (statement.type === 'import_from_statement' && statement.namedChildren.some((c) => c.type === 'wildcard_import')) {
      found = { kind: 'dynamic', why: `a star import may define '${name}'`, line };
    } else if (statementBinds(statement, name)) {
      const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
      found =
        definition?.type === 'function_definition'
          ? { kind: 'function', node: definition, decorators: statement.namedChildren.filter((c) => c.type === 'decorator') }
          : { kind: 'other', node: statement };
    } else if (statementBinds(statement, '__getattr__')) {
      moduleGetattr = line;
    }
  }
  if (found.kind === 'none' && moduleGetattr !== undefined) return { kind: 'dynamic', why: 'the module defines __getattr__', line: moduleGetattr };
  return found;
}

function bindsInside(node: Node, name: string): boolean {
  return node.namedChildren.some((child) => statementBinds(child, name) || (child.type !== 'function_definition' && child.type !== 'class_definition' && bindsInside(child, name)));
}

/** Whether one statement binds `name` at its own level (def, class, assignment target, import). */
function statementBinds(statement: Node, name: string): boolean {
  const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
  if (definition && (definition.type === 'function_definition' || definition.type === 'class_definition')) {
    return definition.childForFieldName('name')?.text === name;
  }
  if (statement.type === 'expression_statement') {
    return statement.namedChildren.some((e) => (e.type === 'assignment' || e.type === 'augmented_assignment') && targetNames(e.childForFieldName('left')).includes(name));
  }
  if (statement.type === 'import_statement' || statement.type === 'import_from_statement') {
    return importedNames(statement).has(name);
  }
  return false;
}

function targetNames(target: Node | null): string[] {
  if (!target) return [];
  if (target.type === 'identifier') return [target.text];
  return target.namedChildren.flatMap((c) => targetNames(c));
}

/** Local name → dotted origin for the imports under `node` (`from a.b import c as d` gives d → a.b.c). */
function importedNames(node: Node): Map<string, string> {
  const names = new Map<string, string>();
  const statements = node.type === 'import_statement' || node.type === 'import_from_statement' ? [node] : node.namedChildren;
  for (const statement of statements) {
    if (statement.type === 'import_from_statement') {
      const from = statement.childForFieldName('module_name')?.text ?? '';
      for (const item of statement.childrenForFieldName('name')) {
        const original = item.type === 'aliased_import' ? item.childForFieldName('name')?.text : item.text;
        const local = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : item.text;
        if (original && local) names.set(local, `${from}.${original}`);
      }
    } else if (statement.type === 'import_statement') {
      for (const item of statement.childrenForFieldName('name')) {
        if (item.type === 'aliased_import') {
          const original = item.childForFieldName('name')?.text;
          const local = item.childForFieldName('alias')?.text;
          if (original && local) names.set(local, original);
        } else {
          const top = item.text.split('.')[0];
          names.set(top, top);
        }
      }
    }
  }
  return names;
}

/** The first decorator not known to keep the wrapped view's signature, as written; undefined if all do. */
function unknownDecorator(decorators: Node[], imports: Map<string, string>): string | undefined {
  for (const decorator of decorators) {
    const expression = decorator.namedChildren[0];
    const callee = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
    const written = callee?.text ?? '';
    const [head, ...rest] = written.split('.');
    const origin = imports.get(head ?? '');
    const dotted = origin === undefined ? undefined : [origin, ...rest].join('.');
    if (!dotted || !SIGNATURE_KEEPING_DECORATORS.some((prefix) => dotted.startsWith(prefix))) return written;
  }
  return undefined;
}

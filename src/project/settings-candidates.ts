import { existsSync } from 'node:fs';
import { isModulePath } from './module-path.js';
import { join } from 'node:path';
import { ProjectFileRefused, readProjectText, sizeLabel } from './project-file.js';
import type { SyntaxNode as Node } from './settings/syntax-node.js';
import { PARSE_CAP_NODES, parsePython } from './settings/parser.js';
import { PythonTooLarge, type SourceFiles, withSourceFiles } from './settings/sources.js';
import { runScriptFor } from './settings/scripts.js';
import { lineOf, literalString, nodesOfType } from './python-literals.js';
import { procfileEntry } from './procfile.js';
import { analyseCommand, appReference, moduleFileCandidates } from './process-command.js';
import type { Procfile, SettingsCandidate } from './types.js';

interface ModuleDefault {
  module: string;
  line: number;
  overridesEnvironment: boolean;
  /** No such module in the project (see SettingsCandidate.missing). */
  missing?: true;
  builtFrom?: string[];
}

const ENVIRON = /^(os\.)?environ$/;
const SETTINGS_VAR = 'DJANGO_SETTINGS_MODULE';

/** `os.environ.setdefault('DJANGO_SETTINGS_MODULE', '…')`, or a plain `os.environ[…] = '…'`. */
function settingsDefault(root: Node): ModuleDefault | undefined {
  const found: ModuleDefault[] = [];
  for (const call of nodesOfType(root, 'call')) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'setdefault') continue;
    if (!ENVIRON.test(fn.childForFieldName('object')?.text ?? '')) continue;
    const args = call.childForFieldName('arguments')?.namedChildren ?? [];
    const module = literalString(args[1]);
    if (literalString(args[0]) === SETTINGS_VAR && module) found.push({ module, line: lineOf(call), overridesEnvironment: false });
  }
  for (const assignment of nodesOfType(root, 'assignment')) {
    const left = assignment.childForFieldName('left');
    if (left?.type !== 'subscript' || !ENVIRON.test(left.childForFieldName('value')?.text ?? '')) continue;
    const module = literalString(assignment.childForFieldName('right'));
    if (literalString(left.childForFieldName('subscript')) === SETTINGS_VAR && module) found.push({ module, line: lineOf(assignment), overridesEnvironment: true });
  }
  return found.sort((a, b) => a.line - b.line)[0];
}

/** What a value set to an unlikely name would stay as when the script only sets a default. */
const SENTINEL = '__implanta_environment_value__';

export function moduleExists(root: string, dotted: string): boolean {
  const path = join(root, ...dotted.split('.'));
  return existsSync(`${path}.py`) || existsSync(join(path, '__init__.py'));
}


/**
 * The module the script picks when it is run on a dyno: manage.py as `__main__`, wsgi.py as its
 * module, both evaluated like the settings (so `if`/`elif` on a variable with a default, and names
 * built with `.format()` or f-strings, are followed). A name that is no module of the project (built
 * from a variable that is not set: `config.settings.None`) is kept, marked missing: the process would
 * fail to start, which is a finding, not a reason to stop. Undefined when it sets no module name.
 */
async function evaluatedDefault(root: string, file: string, env: Readonly<Record<string, string>>, tree: Node, sources: SourceFiles): Promise<ModuleDefault | undefined> {
  const mention = nodesOfType(tree, 'string').find((n) => literalString(n) === SETTINGS_VAR);
  if (!mention) return undefined;
  const name = file === 'manage.py' || file.endsWith('/manage.py') ? '__main__' : file.replace(/\.py$/, '').replace(/\//g, '.');
  const { [SETTINGS_VAR]: _given, ...rest } = env;
  const run = await runScriptFor(root, file, name, rest, SETTINGS_VAR, sources);
  if (typeof run?.value !== 'string' || !isModulePath(run.value)) return undefined;
  // Run again with the variable already set: a script that keeps it only set a default.
  const again = await runScriptFor(root, file, name, { ...rest, [SETTINGS_VAR]: SENTINEL }, SETTINGS_VAR, sources);
  const missing = !moduleExists(root, run.value);
  return {
    module: run.value,
    line: lineOf(mention),
    overridesEnvironment: again?.value !== SENTINEL,
    ...(missing && { missing, ...(run.reads.length > 0 && { builtFrom: run.reads }) }),
  };
}

/** A script past the parse cap: what it names cannot be told. */
interface Unreadable {
  unreadable: string;
}

async function fileDefault(root: string, file: string, env: Readonly<Record<string, string>>): Promise<ModuleDefault | Unreadable | undefined> {
  let source: string;
  try {
    source = readProjectText(join(root, file), { root, display: file });
  } catch (error) {
    if (error instanceof ProjectFileRefused) throw error;
    return undefined;
  }
  // Parsed once for the literal reading and both evaluations. A file Python would reject is still read
  // literally (the evaluations then give nothing), so it is parsed again leniently.
  return withSourceFiles(root, async (sources) => {
    let tree: Node | undefined;
    try {
      tree = sources.parse(join(root, file)).rootNode;
    } catch (error) {
      // Not in the parse cache before the parser was loaded: withSourceFiles loads it and comes again.
      if (sources.parserWanted) throw error;
      // Too large to parse, or (read above, so neither special nor outside) over the Python size cap:
      // unreadable, as the lenient parse would find at the same cost again.
      if (!(error instanceof PythonTooLarge) && !(error instanceof ProjectFileRefused)) tree = (await parsePython(source))?.rootNode;
    }
    if (!tree) return { unreadable: `it is ${sizeLabel(Buffer.byteLength(source))}, more Python than implanta reads (${PARSE_CAP_NODES} syntax nodes)` };
    const found = settingsDefault(tree);
    const literal = found && (moduleExists(root, found.module) ? found : { ...found, missing: true as const });
    const evaluated = await evaluatedDefault(root, file, env, tree, sources);
    // The evaluated choice wins; its line is the literal default's when they agree.
    if (evaluated && literal && evaluated.module === literal.module) return literal;
    // A name the evaluation built that names nothing, where the literal names a module: the literal is what was meant to be read.
    if (evaluated?.missing && literal && !literal.missing && !evaluated.builtFrom) return literal;
    return evaluated ?? literal;
  });
}

export interface CandidateInputs {
  root: string;
  /** The project's files (ProjectFacts.files). */
  files: readonly string[];
  /** manage.py, relative to the root. */
  managePy?: string;
  procfile?: Procfile;
  /** The evaluation environment. */
  env: Readonly<Record<string, string>>;
  /** `--settings`. */
  override?: string;
  /** Filled with the scripts (manage.py, wsgi.py…) that could not be read, and why: they name nothing here. */
  unread?: Array<{ file: string; why: string }>;
}

const candidate = (source: SettingsCandidate['source'], module: string, file?: string, line?: number, overridesEnvironment?: boolean, found?: Pick<ModuleDefault, 'missing' | 'builtFrom'>): SettingsCandidate => ({
  module,
  source,
  ...(file !== undefined && { file }),
  ...(line !== undefined && { line }),
  ...(overridesEnvironment && { overridesEnvironment }),
  ...(found?.missing && { missing: found.missing }),
  ...(found?.builtFrom && { builtFrom: found.builtFrom }),
});

/**
 * Every place that names the settings module, with where: manage.py, each wsgi.py/asgi.py, the
 * Procfile's web command, the environment and `--settings`. They may disagree; chooseSettingsModule
 * decides which one each process loads.
 */
export async function collectSettingsCandidates(inputs: CandidateInputs): Promise<SettingsCandidate[]> {
  const { root, files, env } = inputs;
  const candidates: SettingsCandidate[] = [];
  const managePy = inputs.managePy ?? 'manage.py';
  const readDefault = async (file: string): Promise<ModuleDefault | undefined> => {
    const found = await fileDefault(root, file, env);
    if (found && 'unreadable' in found) {
      inputs.unread?.push({ file, why: found.unreadable });
      return undefined;
    }
    return found;
  };
  const fromManage = await readDefault(managePy);
  if (fromManage) candidates.push(candidate('manage.py', fromManage.module, managePy, fromManage.line, fromManage.overridesEnvironment, fromManage));

  const fileSet = new Set(files);
  const web = procfileEntry(inputs.procfile, 'web');
  const analysis = web && analyseCommand(web.command);
  const ref = analysis?.server && appReference(analysis.server);
  const webModuleFile = ref && moduleFileCandidates(ref).find((f) => fileSet.has(f));

  const serverFiles = files.filter((f) => /(^|\/)(wsgi|asgi)\.py$/.test(f));
  if (webModuleFile && !serverFiles.includes(webModuleFile)) serverFiles.push(webModuleFile);
  const defaults = new Map<string, ModuleDefault>();
  for (const file of serverFiles) {
    const found = await readDefault(file);
    if (!found) continue;
    defaults.set(file, found);
    candidates.push(candidate(file.endsWith('asgi.py') ? 'asgi.py' : 'wsgi.py', found.module, file, found.line, found.overridesEnvironment, found));
  }

  if (web && analysis?.settingsModule) {
    const named = analysis.settingsModule;
    candidates.push(candidate('Procfile', named, inputs.procfile!.file, web.line, true, missingUnless(root, named)));
  } else if (webModuleFile && defaults.has(webModuleFile)) {
    const found = defaults.get(webModuleFile)!;
    candidates.push(candidate('Procfile', found.module, webModuleFile, found.line, found.overridesEnvironment, found));
  }

  const fromEnv = env[SETTINGS_VAR];
  if (fromEnv) candidates.push(candidate('environment', fromEnv, undefined, undefined, undefined, missingUnless(root, fromEnv)));
  if (inputs.override) candidates.push(candidate('--settings', inputs.override));
  return candidates;
}

function missingUnless(root: string, module: string): Pick<ModuleDefault, 'missing'> {
  return isModulePath(module) && !moduleExists(root, module) ? { missing: true } : {};
}

export interface SettingsChoice {
  /** The module the web process loads (or `--settings`), undefined when nothing names one. */
  module?: string;
  /** The module manage.py commands load: the release phase and `heroku run`. */
  managePyModule?: string;
  /** The web process and manage.py commands would load different settings. */
  disagree: boolean;
  /** The module chosen is not in the project: nothing can be evaluated (the candidate says why). */
  missing?: SettingsCandidate;
}

/**
 * Which module each process loads. A forced value (gunicorn `--env`, an assignment in wsgi.py) beats
 * the environment (config vars), which beats the `setdefault` defaults in wsgi.py and manage.py.
 * `--settings` only chooses what implanta evaluates; it does not change what the processes load.
 */
export function chooseSettingsModule(candidates: readonly SettingsCandidate[], override?: string): SettingsChoice {
  const of = (source: SettingsCandidate['source'], forced?: boolean): SettingsCandidate | undefined =>
    candidates.find((c) => c.source === source && (forced === undefined || Boolean(c.overridesEnvironment) === forced));
  const environment = of('environment');
  const webDefault = of('Procfile', false) ?? (of('Procfile') ? undefined : (of('wsgi.py', false) ?? of('asgi.py', false)));
  const webForced = of('Procfile', true) ?? (of('Procfile') ? undefined : (of('wsgi.py', true) ?? of('asgi.py', true)));
  const web = webForced ?? environment ?? webDefault ?? of('manage.py');
  const manage = of('manage.py', true) ?? environment ?? of('manage.py');
  const evaluated = override ?? of('--settings')?.module ?? web?.module;
  const missing = override === undefined && !of('--settings') && web?.missing ? web : undefined;
  return {
    ...(evaluated !== undefined && { module: evaluated }),
    ...(manage && { managePyModule: manage.module }),
    disagree: web !== undefined && manage !== undefined && web.module !== manage.module,
    ...(missing && { missing }),
  };
}

import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { isStdlibModule } from '../project/settings/stdlib-modules.js';
import type { ProjectFacts } from '../project/types.js';
import { declareHint, moduleMappingDate, placeModule } from './dependency-names.js';
import { devCenter, NO_SETTINGS } from './support.js';

/** A top-level package or module of the project itself: a folder or a .py file at the root. */
function isProjectModule(facts: ProjectFacts, top: string): boolean {
  return facts.files.some((f) => f.startsWith(`${top}/`) || f === `${top}.py`);
}

/** codebase.undeclared-module: every third-party module the settings import or name is declared. */
export const undeclaredModuleRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.undeclared-module',
  area: 'codebase',
  severity: 'error',
  title: 'Modules the settings use are declared dependencies',
  docs: devCenter('python-pip'),
  explain: {
    checks: "Whether every third-party module the settings import or name (INSTALLED_APPS, backends) comes from a declared dependency, or one a declared package brings. An import inside try/except ImportError that goes on without it is optional, not required.",
    why: "A module installed only on the developer's machine crashes the app at boot with ModuleNotFoundError.",
    example: "import dj_database_url with no dj-database-url in requirements.txt",
    fix: "Declare the distribution in requirements.txt, pinned.",
  },
  messages: { 'undeclared': "a module the settings use is not declared", 'cannot-tell': "implanta does not know which package provides the module (info)" },
  reads: ['settings-reads'],
  check(facts: ProjectFacts) {
    if (!facts.evaluation) return NO_SETTINGS;
    const deps = facts.dependencies;
    if (!deps) return { skip: 'no dependency file' };
    // A lock file lists everything installed; requirements.txt may leave a dependency's dependency out.
    const complete = deps.kind !== 'requirements.txt';
    const reported = new Set<string>();
    const reports: Report[] = [];
    for (const use of facts.evaluation.imports) {
      const top = use.module.split('.')[0]!;
      if (top === '' || top === 'django' || reported.has(top) || isStdlibModule(top) || isProjectModule(facts, top)) continue;
      // `try: import x / except ImportError:` goes on without x: the evaluation took the branch the requirements decide.
      if (use.optional) continue;
      const placement = placeModule(deps, top, facts.installedModules);
      if (placement.declared || placement.broughtBy) continue;
      reported.add(top);
      const how = use.how === 'import' ? 'import' : 'name';
      const names = placement.names;
      if (!placement.known) {
        // Modules and distributions need not share a name; guessing one would be an error nobody can act on.
        reports.push({
          severity: 'info',
          messageId: 'cannot-tell', message: `cannot tell which package provides ${use.module} (${use.file}:${use.line}): no declared package is known to (implanta's module mapping, ${moduleMappingDate()}, does not name it)`,
          hint: `If no requirement brings it, declare the package that provides ${top} in ${deps.file}.`,
          file: use.file,
          line: use.line,
        });
        continue;
      }
      reports.push({
        severity: complete ? 'error' : 'warning',
        messageId: 'undeclared', message: `the settings ${how} ${use.module} (${use.file}:${use.line}), but ${deps.file} does not declare ${names.join(' or ')}${complete ? '' : ', so it is installed only if another requirement pulls it in'}: otherwise the app crashes at boot with ModuleNotFoundError`,
        hint: declareHint(deps, names[0]!),
        file: use.file,
        line: use.line,
      });
    }
    return reports;
  },
});

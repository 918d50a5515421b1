import type { HerokuFacts } from '../heroku/facts.js';
import type { ChecklistFacts } from '../codebase/checklist/facts.js';
import { readChecklistCode } from '../project/checklist-code.js';
import type { SettingsEvaluation } from '../project/settings/types.js';
import type { DjangoVersion, ProjectFacts } from '../project/types.js';

/** The facts the deployment-checklist rules read: the settings, the project's models and URLconf, the formation. */
export async function gatherChecklistFacts(project: ProjectFacts, evaluation: SettingsEvaluation, django: DjangoVersion, heroku?: HerokuFacts): Promise<ChecklistFacts> {
  const urlconf = moduleFile(project.files, evaluation.settings.get('ROOT_URLCONF')?.value);
  const code = await readChecklistCode(project.root, project.files, urlconf);
  const web = heroku?.formation.find((f) => f.type === 'web');
  return {
    evaluation,
    django,
    code,
    files: project.files,
    root: project.root,
    env: project.env,
    ...(project.procfile && { procfile: project.procfile }),
    ...(project.dependencies && { dependencies: project.dependencies }),
    ...(web && { webDynos: web.quantity }),
    ...(heroku && { addonServices: heroku.addons.map((a) => a.addon_service?.name?.toLowerCase() ?? '').filter(Boolean) }),
  };
}

/** `hollow.urls` → `hollow/urls.py` (or the package's `__init__.py`), when the project has it. */
function moduleFile(files: string[], dotted: unknown): string | undefined {
  if (typeof dotted !== 'string' || !/^[\w.]+$/.test(dotted)) return undefined;
  const base = dotted.replace(/\./g, '/');
  return [`${base}.py`, `${base}/__init__.py`].find((f) => files.includes(f));
}

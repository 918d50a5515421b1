import type { ChecklistFacts } from '../codebase/checklist/facts.js';
import type { CheckFacts } from './check-facts.js';

/**
 * What the deployment-checklist rules read, drawn from the check's one frozen structure (no file is read
 * here): the settings, the project's code, and how the app runs when one was given.
 */
export function checklistFactsOf(facts: CheckFacts): ChecklistFacts {
  const { project, app } = facts;
  const web = app?.formation.find((f) => f.type === 'web');
  return {
    evaluation: project.evaluation,
    django: facts.django,
    code: facts.code,
    files: project.files,
    root: project.root,
    env: project.env,
    ...(project.procfile && { procfile: project.procfile }),
    ...(project.dependencies && { dependencies: project.dependencies }),
    ...(web && { webDynos: web.quantity }),
    ...(app && { addonServices: app.addons.map((a) => a.addon_service?.name?.toLowerCase() ?? '').filter(Boolean) }),
  };
}

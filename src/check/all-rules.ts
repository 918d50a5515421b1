import type { RuleMeta } from '../core/rule.js';
import { codebaseRules } from '../codebase/index.js';
import { checklistRules } from '../codebase/checklist/index.js';
import { djangoRules } from '../django/index.js';
import { herokuRules } from '../heroku/rules/index.js';
import { migrationRules } from '../migrations/rules/index.js';
import { versionsRules } from '../versions/rules/index.js';

/**
 * Every rule implanta has, family by family: the catalogue (docs/rules.md, `check --explain`) is made
 * from this list, so a new family is added here once and documented by its own metadata.
 */
export function allRuleMeta(): RuleMeta[] {
  return [djangoRules, codebaseRules, checklistRules, versionsRules, herokuRules, migrationRules].flatMap((family) => family.map((r) => r.meta));
}

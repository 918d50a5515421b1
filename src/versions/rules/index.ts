import type { Rule } from '../../core/rule.js';
import type { VersionsFacts } from '../versions-facts.js';
import { dataAgeRule } from './data-age.js';
import { djangoEolRule } from './django-eol.js';
import { outdatedRule } from './outdated.js';
import { pythonEolRule } from './python-eol.js';
import { stackRule } from './stack.js';
import { unpinnedRule } from './unpinned.js';
import { vulnerableRule } from './vulnerable.js';

/** Every `versions.*` rule, in the order `implanta versions` reports them. */
export const versionsRules: Rule<VersionsFacts>[] = [
  unpinnedRule,
  vulnerableRule,
  outdatedRule,
  djangoEolRule,
  pythonEolRule,
  stackRule,
  dataAgeRule,
];

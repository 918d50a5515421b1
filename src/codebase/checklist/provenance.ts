import type { Binding } from '../../project/settings/types.js';
import { envReadsOf } from '../support.js';
import type { ChecklistFacts } from './facts.js';

/** Whether the setting's value was written in the code rather than read from the environment. */
export function isLiteralSetting(facts: ChecklistFacts, binding: Binding): boolean {
  return envReadsOf(facts.evaluation, binding).length === 0;
}

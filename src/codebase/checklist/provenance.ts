import { originOf } from '../support.js';
import type { ChecklistFacts } from './facts.js';

/** Whether the setting's value was written in the code (every item of it), as the evaluator recorded it, rather than read from the environment. */
export function isLiteralSetting(facts: ChecklistFacts, name: string): boolean {
  return originOf(facts.evaluation, name).kind === 'literal';
}

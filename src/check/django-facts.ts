import type { DjangoFacts } from '../django/facts.js';
import { unsetRequiredReads } from '../project/unset-reads.js';
import type { CheckFacts } from './check-facts.js';

/** What Django's deployment rules read, drawn from the check's one frozen structure (no file is read here). */
export function djangoFactsOf(facts: CheckFacts): DjangoFacts {
  const { project } = facts;
  const { settings, envReads } = project.evaluation;
  return {
    settings,
    version: facts.django,
    env: project.env,
    ...(facts.csrfFailureView && { csrfFailureView: facts.csrfFailureView }),
    unsetRequiredReads: unsetRequiredReads(envReads, project.env),
  };
}

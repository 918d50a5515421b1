import { InputError } from '../core/errors.js';

/** `implanta check --explain ID`: one catalogue entry, from the rule's own metadata. */
export async function explainRule(id: string): Promise<number> {
  const [{ allRuleMeta }, { explainText }] = await Promise.all([import('../check/all-rules.js'), import('../core/catalogue.js')]);
  const rules = allRuleMeta();
  const wanted = id.trim();
  const rule = rules.find((r) => r.id === wanted) ?? rules.find((r) => r.id.toLowerCase() === wanted.toLowerCase());
  if (!rule) {
    const near = rules.filter((r) => r.id.toLowerCase().includes(wanted.toLowerCase().replace(/^.*\./, ''))).map((r) => r.id);
    const suggestion = near.length > 0 && near.length <= 5 ? `did you mean ${near.join(', ')}?` : 'docs/rules.md lists every rule';
    throw new InputError(`--explain ${wanted}: no such rule (${suggestion})`);
  }
  process.stdout.write(explainText(rule));
  return 0;
}

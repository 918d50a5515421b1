import type { Rule } from '../../core/rule.js';
import { defineRule } from '../../core/define-rule.js';
import { upgradePackage } from '../upgrade-hints.js';
import type { VersionsFacts } from '../versions-facts.js';

/** The guide's "version tracking, done in requirements.txt": a build must install what was tested. */
export const unpinnedRule: Rule<VersionsFacts> = defineRule({
  id: 'versions.unpinned',
  area: 'versions',
  severity: 'error',
  title: 'Every dependency is pinned to an exact version',
  docs: 'https://pip.pypa.io/en/stable/topics/repeatable-installs/',
  explain: {
    checks: "Whether every requirement is pinned to an exact version (==), or by a lock or constraint file.",
    why: "A range or a missing version installs whatever is newest on build day, not the version you tested.",
    example: "django>=5.2,<6",
    fix: "Pin what you tested: Django==5.2.8 (implanta upgrade django --to 5.2.8 writes it).",
  },
  messages: { 'no-version': "a requirement has no version (error)", 'range': "a requirement is a range (warning)" },
  check(facts: VersionsFacts) {
    if (!facts.dependencies) return { skip: `no dependency file (requirements.txt, Pipfile.lock, poetry.lock, uv.lock) in ${facts.root}` };
    return facts.packages
      // A direct URL or an editable local package is not resolved against the index.
      .filter((p) => !p.pinned && !p.notOnIndex)
      .map((p) => {
        const { rawName, specifier, file, line } = p.requirement;
        const hint = `Pin the version you tested: ${upgradePackage(p.requirement.name, p.resolves ?? p.latest)} writes ${rawName}==${p.resolves ?? p.latest ?? 'VERSION'}.`;
        if (!specifier) {
          return { messageId: 'no-version', message: `${rawName} has no version: every build installs whatever is newest that day.`, hint, file, line };
        }
        const today = p.resolves ? ` (${p.resolves} today)` : '';
        return {
          severity: 'warning' as const,
          messageId: 'range', message: `${rawName}${specifier} is a range: a build installs the newest release it admits${today}, not the version you tested.`,
          hint,
          file,
          line,
        };
      });
  },
});

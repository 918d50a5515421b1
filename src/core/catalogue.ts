import type { RuleMeta } from './rule.js';

/**
 * The rule catalogue, made from the rules' own metadata: docs/rules.md is this text, and a test fails
 * when the file and the rules disagree (regenerate with `npm run docs:rules`).
 */
export function catalogueMarkdown(rules: readonly RuleMeta[]): string {
  const lines = [
    '# Rules',
    '',
    '<!-- Generated from the rules\' metadata by `npm run docs:rules`; edit the rule, not this file. -->',
    '',
    'Every rule `implanta check` runs, with its ID, area and default severity. Django-derived rules keep',
    "Django's IDs, so `SILENCED_SYSTEM_CHECKS` silences them (and any implanta ID) as in Django.",
    '`implanta check --explain ID` prints one entry. Each finding in `--format json` names its rule and',
    'its `message_id`, one of the messages listed under the rule.',
    '',
    '| ID | area | severity | title |',
    '|---|---|---|---|',
    ...rules.map((r) => `| [\`${r.id}\`](#${anchor(r.id)}) | ${r.area} | ${r.severity} | ${escapeCell(r.title)} |`),
    '',
  ];
  for (const r of rules) lines.push(...entryMarkdown(r));
  return lines.join('\n');
}

function entryMarkdown(r: RuleMeta): string[] {
  const { checks, why, example, fix } = r.explain;
  return [
    `## ${r.id}`,
    '',
    `**${r.title}** · area ${r.area} · default severity ${r.severity}`,
    '',
    `- **Checks:** ${checks}`,
    `- **Why it matters:** ${why}`,
    `- **Example:** ${code(example)}`,
    `- **Fix:** ${fix}`,
    `- **Link:** ${r.docs}`,
    '- **Messages:**',
    ...Object.entries(r.messages).map(([id, when]) => `  - \`${id}\`: ${when}`),
    '',
  ];
}

/** One entry as plain text, for `implanta check --explain ID`. */
export function explainText(r: RuleMeta): string {
  const { checks, why, example, fix } = r.explain;
  return [
    `${r.id}: ${r.title}`,
    `area ${r.area}, default severity ${r.severity}`,
    '',
    `What it checks:  ${checks}`,
    `Why it matters:  ${why}`,
    `Example:         ${example}`,
    `Fix:             ${fix}`,
    `Link:            ${r.docs}`,
    'Messages:',
    ...Object.entries(r.messages).map(([id, when]) => `  ${id}: ${when}`),
    '',
  ].join('\n');
}

/** GitHub's heading anchors: lower case, dots dropped, spaces to dashes. */
function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${fence === '``' ? ' ' : ''}${text}${fence === '``' ? ' ' : ''}${fence}`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

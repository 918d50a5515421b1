import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import { PyDict, type PyValue } from '../project/python-value.js';
import { isCredential } from '../project/secret-names.js';
import type { Binding, SettingsEvaluation } from '../project/settings/types.js';
import type { ProjectFacts } from '../project/types.js';
import { isWeakSecretKey } from '../django/security-base.js';
import { describeRead, devCenter, NO_SETTINGS, originOf } from './support.js';

/** Every non-empty string under a secret-looking name: the setting itself, or keys inside its dicts. */
function secretStrings(name: string, value: PyValue, path = name, keys: string[] = []): Array<{ path: string; keys: string[]; value: string }> {
  if (typeof value === 'string') return isCredential(name, value) ? [{ path, keys, value }] : [];
  if (!(value instanceof PyDict)) return [];
  return [...value.entries].flatMap(([key, inner]) => (typeof key === 'string' ? secretStrings(key, inner, `${path}['${key}']`, [...keys, key]) : []));
}

/**
 * The words templates and tutorials put where a credential goes ('password', 'changeme', 'your-api-key',
 * '<token>'). Committed, such a value leaks nothing, but production runs with it as written: mail and API
 * calls fail to authenticate, and a login guarded by it is open to anyone who tries the word.
 */
const PLACEHOLDER = /^(pass(word|wd)?|secret|change[-_ ]?(me|this|it)|replace[-_ ]?me|placeholder|dummy|todo|fixme|x{3,}|\*{3,}|your[-_ ]?(own[-_ ]?)?(password|pass|secret|key|token|api[-_ ]?key)([-_ ]?here)?|<[^<>]+>|\{\{[^{}]+\}\})$/i;

/** Judges a credential by where the evaluator saw its value come from; nothing when it came from the environment or cannot be told. */
function judge(evaluation: SettingsEvaluation, name: string, path: string, keys: string[], value: string, binding: Binding): Report | undefined {
  const place = { file: binding.origin.file, line: binding.origin.line };
  const origin = originOf(evaluation, name, keys);
  const isKey = path === 'SECRET_KEY';
  const variable = /\['([^']+)'\]$/.exec(path)?.[1] ?? path;
  if (origin.kind === 'literal' && !isKey && PLACEHOLDER.test(value.trim())) {
    return {
      severity: 'warning',
      messageId: 'placeholder',
      message: `${path} is a placeholder word written in the code, not a real credential: production would use it as written, so whatever it authenticates fails, or is open to anyone who tries the word`,
      hint: `Read it from a config var (os.environ['${variable}']) and set the real value with heroku config:set.`,
      ...place,
    };
  }
  if (origin.kind === 'literal') {
    return {
      messageId: 'literal', message: isKey
        ? 'SECRET_KEY is a literal string in the code: anyone who can read the repository can forge sessions, password-reset links and signed cookies'
        : `${path} is a literal string in the code: the credential is readable by anyone who can read the repository`,
      hint: `Read it from a config var (os.environ['${variable}']), set it with heroku config:set, and rotate the value that was committed.`,
      ...place,
    };
  }
  if (origin.kind !== 'literal-default') return undefined;
  const { unset } = origin;
  return {
    severity: 'warning',
    messageId: 'literal-default', message: `${path} falls back to a literal default in the code, because ${unset.map(describeRead).join(', ')} is not set in this environment`,
    hint: `Set ${unset.map((r) => r.name).join(', ')} as a config var, and drop the default so a missing variable stops the app instead.`,
    ...place,
  };
}

/** With no Django version known, judge a key as the newest Django would. */
const NEWEST = { major: 99, minor: 0 };

/**
 * codebase.secrets: credentials in the settings come from the environment. A literal SECRET_KEY or
 * password in the code is in every clone and every backup of the repository. The value is never
 * quoted in the message.
 */
export const secretsRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.secrets',
  area: 'codebase',
  severity: 'error',
  title: 'No secrets written in the settings',
  docs: devCenter('config-vars'),
  explain: {
    checks: "Whether a credential in the settings (SECRET_KEY, passwords, tokens, API keys) is a literal string in the code, or falls back to one. A placeholder word ('password', 'changeme', '<token>') is a warning of its own: it leaks nothing, but production would use it. A SECRET_KEY Django calls weak is security.W009's.",
    why: "A literal credential is in every clone and every backup of the repository: anyone who can read it can forge sessions or use the credential.",
    example: "SECRET_KEY = 'x7#k...'",
    fix: "SECRET_KEY = os.environ['SECRET_KEY'], set with heroku config:set; rotate the committed value.",
  },
  messages: { 'literal': "a credential is a literal string in the code", 'placeholder': "a credential is a placeholder word in the code ('password', 'changeme', '<token>'): not a leak, but production would run with it (warning)", 'literal-default': "a credential falls back to a literal default because its variable is unset (warning)" },
  check(facts: ProjectFacts) {
    const evaluation = facts.evaluation;
    if (!evaluation) return NO_SETTINGS;
    const { settings } = evaluation;
    const reports: Report[] = [];
    for (const name of settings.names()) {
      // A literal database password is reported by codebase.database-url, with the fix for all of DATABASES.
      if (name === 'DATABASES') continue;
      const binding = settings.get(name)!;
      // A key Django calls weak is security.W009's (Django's ID, with the same fix): one finding, not two.
      if (name === 'SECRET_KEY' && typeof binding.value === 'string' && isWeakSecretKey(binding.value, facts.django ?? NEWEST)) continue;
      for (const { path, keys, value } of secretStrings(name, binding.value)) {
        const report = judge(evaluation, name, path, keys, value, binding);
        if (report) reports.push(report);
      }
    }
    return reports;
  },
});

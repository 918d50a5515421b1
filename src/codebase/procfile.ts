import type { Report, Rule } from '../core/rule.js';
import { defineRule } from '../core/define-rule.js';
import type { ProjectFacts } from '../project/types.js';
import { devCenter } from './support.js';

/** Names people give the file that Heroku does not read. */
const MISNAMED = /^(procfile|procfile\.\w+|Procfile\.\w+)$/i;

/** codebase.procfile: a Procfile Heroku accepts, declaring a `web` process. */
export const procfileRule: Rule<ProjectFacts> = defineRule({
  id: 'codebase.procfile',
  area: 'codebase',
  severity: 'error',
  title: 'Procfile exists, parses, and declares a web process',
  docs: devCenter('procfile'),
  explain: {
    checks: "Whether a Procfile exists at the root (named exactly Procfile), every line parses as `name: command`, and a web process is declared. An app on the container stack (a heroku.yml, or app.json's \"stack\": \"container\") has none to check: Heroku runs heroku.yml's run section or the Dockerfile's CMD.",
    why: "Without a web process Heroku starts nothing that receives HTTP traffic; a misnamed Procfile is silently ignored.",
    example: "procfile.txt containing `web: gunicorn proj.wsgi`",
    fix: "Add `Procfile` at the project root with `web: gunicorn PROJECT.wsgi`.",
  },
  messages: { 'no-procfile': "no Procfile (or a misnamed one)", 'bad-line': "a line Heroku would not accept", 'no-web': "no web process" },
  check(facts: ProjectFacts) {
    if (facts.container) return { skip: `the app builds with Docker (${facts.container.file}): the container stack runs heroku.yml's run section, or the Dockerfile's CMD, never a Procfile` };
    const { procfile } = facts;
    if (!procfile) {
      const misnamed = facts.files.find((f) => !f.includes('/') && f !== 'Procfile' && MISNAMED.test(f));
      return [
        {
          messageId: 'no-procfile', message: misnamed ? `no Procfile: Heroku reads only a file named exactly 'Procfile', and this project has '${misnamed}'` : 'no Procfile: Heroku would start no web process for this app',
          hint: misnamed ? `Rename ${misnamed} to Procfile (capital P, no extension).` : 'Add a Procfile at the project root with `web: gunicorn PROJECT.wsgi`.',
          ...(misnamed && { file: misnamed }),
        },
      ];
    }
    const reports: Report[] = procfile.problems.map((p) => ({
      messageId: 'bad-line', message: `Procfile line ${p.line}: ${p.message}`,
      hint: 'Each line is `name: command`; comments start with #.',
      file: p.file,
      line: p.line,
    }));
    if (!procfile.entries.some((e) => e.name === 'web')) {
      const declared = procfile.entries.map((e) => e.name).join(', ');
      reports.push({
        messageId: 'no-web', message: `the Procfile declares no web process${declared ? ` (it declares ${declared})` : ''}: the app would receive no HTTP traffic`,
        hint: 'Add `web: gunicorn PROJECT.wsgi`; only the process named web gets HTTP requests from the router.',
        file: procfile.file,
      });
    }
    return reports;
  },
});

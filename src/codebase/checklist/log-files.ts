import { defineRule } from '../../core/define-rule.js';
import type { Report } from '../../core/rule.js';
import { PyDict } from '../../project/python-value.js';
import { devCenter } from '../support.js';
import { setting, type ChecklistFacts } from './facts.js';

/** logging's handlers that write to a file, by the class name LOGGING gives. */
const FILE_HANDLER = /(^|\.)(FileHandler|RotatingFileHandler|TimedRotatingFileHandler|WatchedFileHandler)$/;

/** codebase.log-files: logs go to stdout/stderr, where Heroku's router collects them. */
export const logFilesRule = defineRule<ChecklistFacts>({
  id: 'codebase.log-files',
  area: 'codebase',
  severity: 'warning',
  title: 'Logs go to standard output, not to files',
  docs: devCenter('logging#writing-to-your-log'),
  explain: {
    checks: "LOGGING's handlers: a handler whose class is logging's FileHandler, RotatingFileHandler, TimedRotatingFileHandler or WatchedFileHandler, or that has a filename.",
    why: "Heroku's log router collects only what a process writes to stdout and stderr. A log file lives on the dyno's ephemeral filesystem: nobody reads it, it vanishes at the next restart, and a missing folder stops the app at start-up.",
    example: "'file': {'class': 'logging.FileHandler', 'filename': BASE_DIR / 'debug.log'}",
    fix: "Use {'class': 'logging.StreamHandler'} (stderr by default) and read logs with heroku logs --tail or a log drain add-on.",
  },
  messages: { 'file-handler': 'a LOGGING handler writes to a file' },
  check(facts) {
    const logging = setting(facts, 'LOGGING');
    const handlers = logging?.value instanceof PyDict ? logging.value.get('handlers') : undefined;
    if (!(handlers instanceof PyDict)) return [];
    const reports: Report[] = [];
    for (const [name, handler] of handlers.entries) {
      if (!(handler instanceof PyDict)) continue;
      const cls = handler.get('class');
      const filename = handler.get('filename');
      if ((typeof cls === 'string' && FILE_HANDLER.test(cls)) || (filename !== undefined && filename !== null)) {
        const target = typeof filename === 'string' ? ` ${filename}` : filename !== undefined ? ` ${String(filename)}` : '';
        reports.push({
          messageId: 'file-handler',
          message: `LOGGING handler '${String(name)}' writes to the file${target} on the dyno: Heroku's log router never sees it, and the file vanishes at the next restart`,
          hint: "Use {'class': 'logging.StreamHandler'} and read logs with heroku logs --tail, or drain them to a logging add-on.",
          file: logging!.binding.origin.file,
          line: logging!.binding.origin.line,
        });
      }
    }
    return reports;
  },
});

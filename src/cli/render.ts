import { writeFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { atOrAbove, type Severity } from '../core/finding.js';
import type { Redactor } from '../core/redact.js';
import type { CheckReport } from '../report/check-report.js';
import { formatGithub } from '../report/github.js';
import { formatHtml, type HtmlAttachments } from '../report/html.js';
import { formatJson } from '../report/json.js';
import { formatJunit } from '../report/junit.js';
import { formatSarif } from '../report/sarif.js';
import { formatText } from '../report/text.js';
import { clipFindingText } from '../report/clip-text.js';
import { writeStdout } from './standard-streams.js';
import { isTerminal } from './terminal.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface RenderOptions {
  format: ReportFormat;
  output?: string;
  color: boolean;
  redactor: Redactor;
  /** SARIF needs a file for findings that have none. */
  fallbackFile: string;
  /** The text report's heading: the command that made it (default `implanta check`). */
  title?: string;
  /** Text printed before the text report (e.g. the versions table). */
  preamble?: string;
  /** Extra top-level keys for the JSON report. */
  extraJson?: Record<string, unknown>;
  /** What the HTML report shows beside the findings (sizing charts, release history). */
  attachments?: HtmlAttachments;
}

/**
 * Prints (or writes) a report in the chosen format and returns the exit code. Secrets are masked in the
 * report's text before it is formatted, never in the formatted output: a secret equal to part of a path
 * must not rewrite a SARIF location or an annotation's file (docs/secrets.md).
 */
export function emitReport(unsafe: CheckReport, failLevel: Severity | 'none', opts: RenderOptions): number {
  const { redactor } = opts;
  // Masked first, then cut: a cut before masking could leave part of a secret (report/clip-text.ts).
  const report = clipFindingText(redactor.redactMessages(unsafe));
  const extraJson = opts.extraJson && redactor.redactMessages(opts.extraJson);
  const attachments = opts.attachments && redactor.redactMessages(opts.attachments);
  const rendered =
    opts.format === 'json'
      ? extraJson
        ? JSON.stringify({ ...report, ...extraJson }, null, 2) + '\n'
        : formatJson(report)
      : opts.format === 'sarif'
        ? formatSarif(report, opts.fallbackFile, process.env.GITHUB_WORKSPACE)
        : opts.format === 'junit'
          ? formatJunit(report)
          : opts.format === 'github'
            ? formatGithub(report)
            : opts.format === 'html'
              ? formatHtml(report, attachments)
              : redactor.redact(opts.preamble ?? '') + formatText(report, { color: opts.color && !opts.output, ...(opts.title && { title: opts.title }) });
  if (opts.output) writeOutput(opts.output, rendered);
  else writeStdout(rendered);
  return failLevel !== 'none' && report.findings.some((f) => atOrAbove(f.severity, failLevel)) ? 1 : 0;
}

/** A one-line status on stderr that rewrites itself, only when stderr is a terminal. */
export function progressLine(enabled: boolean): { update(message: string): void; clear(): void } {
  // IMPLANTA_TIMING=1 prints each step with the milliseconds since start, wall and CPU (all threads),
  // and the page faults so far: how the speed budget is spent. CPU is the steadier figure on a busy
  // machine; on a virtual machine that backs memory lazily each fault can cost tens of microseconds.
  if (process.env.IMPLANTA_TIMING) {
    const cpuMs = () => {
      const { user, system } = process.cpuUsage();
      return ((user + system) / 1000).toFixed(0);
    };
    const faults = () => process.resourceUsage().minorPageFault;
    return { update: (message) => process.stderr.write(`[${performance.now().toFixed(0)} ms, CPU ${cpuMs()} ms, ${faults()} page faults] ${message}\n`), clear: () => {} };
  }
  const on = enabled && isTerminal(2);
  return {
    update: (message) => on && process.stderr.write(`\r\x1b[2K${message}`),
    clear: () => on && process.stderr.write('\r\x1b[2K'),
  };
}

/** `-o FILE`: a folder that does not exist, or a path that is a folder, is the user's to fix (exit 2). */
function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`-o ${path}: the folder it would go in does not exist`);
    if (code === 'EISDIR') throw new InputError(`-o ${path}: is a folder; give a file name`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'ENOTDIR' || code === 'EROFS') throw new InputError(`-o ${path}: cannot write there (${code})`);
    throw error;
  }
}

import type { OutputLog } from '../streams/output-log.js';

/**
 * Writes build output the way Heroku's buildpacks do, so it reads (and parses) like a real build:
 * `-----> ` opens a step, seven spaces indent its detail, ` !     ` marks a warning or an error.
 */
export class BuildpackOutput {
  constructor(readonly log: OutputLog) {}

  step(text: string): void {
    this.log.line(`-----> ${text}`);
  }

  detail(text: string): void {
    this.log.line(`       ${text}`);
  }

  warn(text: string): void {
    this.log.line(text ? ` !     ${text}` : ' !');
  }

  blank(): void {
    this.log.line('');
  }
}

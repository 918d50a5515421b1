import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PRE_RECEIVE_SCRIPT, preReceiveLauncher } from './hook-script.js';

const run = promisify(execFile);

/**
 * One bare repository per app, `<root>/<app id>.git` (by id, so renaming an app keeps its history), each
 * with receive-pack enabled over HTTP and the platform's pre-receive hook.
 */
export class AppRepos {
  private readonly hookScript: string;

  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
    this.hookScript = join(root, 'pre-receive.cjs');
    writeFileSync(this.hookScript, PRE_RECEIVE_SCRIPT);
  }

  /** The repository's folder under the root, as `git http-backend` finds it from PATH_INFO. */
  folder(appId: string): string {
    return `${appId}.git`;
  }

  async ensure(appId: string): Promise<string> {
    const path = join(this.root, this.folder(appId));
    if (!existsSync(join(path, 'HEAD'))) {
      await run('git', ['init', '--bare', '--quiet', '--initial-branch=main', path]);
      await run('git', ['-C', path, 'config', 'http.receivepack', 'true']);
    }
    // Rewritten every time: a repository made by an older run gets the current hook and Node.
    const hook = join(path, 'hooks', 'pre-receive');
    writeFileSync(hook, preReceiveLauncher(process.execPath, this.hookScript));
    chmodSync(hook, 0o755);
    return path;
  }

  remove(appId: string): void {
    rmSync(join(this.root, this.folder(appId)), { recursive: true, force: true });
  }
}

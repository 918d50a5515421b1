import { execFile } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomHex } from '../platform/ids.js';
import { BuildFailure } from './build-failure.js';

const run = promisify(execFile);

/** Where git keeps a push's objects while pre-receive decides on it (git 2.11+ quarantines them). */
export interface PushObjects {
  GIT_OBJECT_DIRECTORY?: string;
  GIT_ALTERNATE_OBJECT_DIRECTORIES?: string;
  GIT_QUARANTINE_PATH?: string;
}

export interface PushedSource {
  url: string;
  version: string;
  description: string | null;
}

/**
 * Source tarballs, as Heroku keeps one per build (`source_blob.url`): a push is archived here before its
 * build starts and served at `/sources/<name>.tgz`; a build created through the API names any tarball
 * URL, which is downloaded.
 */
export class SourceStore {
  constructor(
    private readonly dir: string,
    private readonly publicUrl: () => string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Archives a pushed commit from the repository, quarantined objects included. */
  async fromPush(repo: string, commit: string, objects: PushObjects): Promise<PushedSource> {
    const env = { ...process.env, GIT_DIR: repo, ...definedOnly(objects) };
    const name = `${randomHex(16)}.tgz`;
    await run('git', ['archive', '--format=tar.gz', '-o', join(this.dir, name), commit], { env });
    const subject = await run('git', ['log', '-1', '--format=%s', commit], { env }).then((r) => r.stdout.trim(), () => '');
    return { url: `${this.publicUrl()}/sources/${name}`, version: commit, description: subject || null };
  }

  /** Unpacks a build's source tarball into `dest`. */
  async unpack(url: string, dest: string, signal?: AbortSignal): Promise<void> {
    mkdirSync(dest, { recursive: true });
    const local = this.localFile(url);
    const archive = local ?? (await this.download(url, signal));
    try {
      await run('tar', ['-xzf', archive, '-C', dest]);
    } catch (error) {
      throw new BuildFailure([`The source archive could not be unpacked (${lastLine(error)}): source_blob.url must name a gzipped tarball.`]);
    } finally {
      if (!local) rmSync(archive, { force: true });
    }
    // GitHub-style tarballs hold one top folder; Heroku builds what is inside it.
    if (!local) hoistSingleFolder(dest);
  }

  /** GET /sources/<name>.tgz; false for any other path. */
  handle(res: ServerResponse, pathname: string): boolean {
    if (!pathname.startsWith('/sources/')) return false;
    this.serve(res, pathname.slice('/sources/'.length));
    return true;
  }

  private serve(res: ServerResponse, name: string): void {
    const file = /^[0-9a-f]{32}\.tgz$/.test(name) ? join(this.dir, name) : undefined;
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('No such source archive.\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/gzip', 'Content-Length': statSync(file).size });
    createReadStream(file).pipe(res);
  }

  private localFile(url: string): string | undefined {
    const prefix = `${this.publicUrl()}/sources/`;
    if (!url.startsWith(prefix)) return undefined;
    const name = url.slice(prefix.length);
    const file = join(this.dir, name);
    return /^[0-9a-f]{32}\.tgz$/.test(name) && existsSync(file) ? file : undefined;
  }

  private async download(url: string, signal?: AbortSignal): Promise<string> {
    let response: Response;
    try {
      response = await fetch(url, signal ? { signal } : {});
    } catch (error) {
      throw new BuildFailure([`The source archive could not be downloaded: ${(error as Error).message}.`]);
    }
    if (!response.ok) throw new BuildFailure([`The source archive could not be downloaded: the server answered ${response.status}.`]);
    const file = join(this.dir, `${randomHex(16)}.download.tgz`);
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    return file;
  }
}

function hoistSingleFolder(dest: string): void {
  const entries = readdirSync(dest);
  if (entries.length !== 1) return;
  const only = join(dest, entries[0]!);
  if (!statSync(only).isDirectory()) return;
  const temporary = `${dest}.hoist`;
  renameSync(only, temporary);
  rmdirSync(dest);
  renameSync(temporary, dest);
}

function definedOnly(values: PushObjects): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
}

function lastLine(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr ?? (error as Error).message;
  return stderr.trim().split('\n').at(-1) ?? 'error';
}

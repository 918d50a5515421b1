import { FakeApi, startHttp, TEST_TOKEN } from './fake-api.js';
import { startGitServer, type GitServer } from './git-server.js';

export type SiteBehaviour = 'good' | 'debug' | 'crash';

interface Release {
  id: string;
  version: number;
  status: 'pending' | 'succeeded' | 'failed';
  current: boolean;
  slug: { id: string } | null;
  output_stream_url: string | null;
  created_at: string;
  description: string;
}

const BUILD_LOG = ['-----> Building on the Heroku-24 stack', '-----> Python app detected', '-----> Compressing...', '       Done: 42M'];
const RELEASE_LOG = ['Running migrations:', '  No migrations to apply.'];

/**
 * Enough of Heroku for a deploy to run end to end, in-process: a git server whose pushes to main start a
 * build, the builds/releases/dynos/slugs API with output streams, and a router that serves each release's
 * site the way a test says (healthy, a Django debug page, or crashed dynos).
 */
export class FakePlatform {
  readonly api = new FakeApi();
  git!: GitServer;
  router!: { url: string; close: () => Promise<void> };
  readonly behaviour = new Map<string, SiteBehaviour>();
  releases: Release[] = [];
  builds: Record<string, unknown>[] = [];
  readonly slugs = new Map<string, string>();
  buildFails = false;
  releasePhaseFails = false;
  /** Answer 500 to every build info request, as a platform in trouble would. */
  apiDown = false;
  /** What the migrations gate asks: is preboot on, how many web dynos run, the config vars (DATABASE_URL). */
  preboot = false;
  webQuantity = 1;
  configVars: Record<string, string> = {};

  /** `initialCommit` null: the app's only release so far is a config release, with no code. */
  async start(initialCommit: string | null): Promise<this> {
    this.git = await startGitServer(TEST_TOKEN, 'demo');
    this.git.onPush = (main) => main && this.startBuild(main);
    this.router = await startHttp((_req, res) => {
      const behaviour = this.behaviour.get(this.currentCommit() ?? '') ?? 'good';
      if (behaviour === 'crash') {
        res.writeHead(503);
        res.end('Application error');
      } else if (behaviour === 'debug') {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end("<p>You’re seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>");
      } else {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<h1>Hollow</h1>');
      }
    });
    if (initialCommit) this.slugs.set('s-1', initialCommit);
    const first = this.release(1, 's-1', 'succeeded', true);
    if (!initialCommit) first.slug = null;
    this.releases.push(first);
    this.routes();
    await this.api.start();
    return this;
  }

  async close(): Promise<void> {
    await Promise.all([this.api.close(), this.git.close(), this.router.close()]);
  }

  current(): Release | undefined {
    return this.releases.find((r) => r.current);
  }

  private currentCommit(): string | undefined {
    const slug = this.current()?.slug?.id;
    return slug ? this.slugs.get(slug) : undefined;
  }

  private release(version: number, slug: string, status: Release['status'], current: boolean, stream = false): Release {
    return {
      id: `r-${version}`,
      version,
      status,
      current,
      slug: { id: slug },
      output_stream_url: stream ? `${this.api.url}/streams/release` : null,
      created_at: new Date().toISOString(),
      description: `Deploy v${version}`,
    };
  }

  private makeCurrent(release: Release): void {
    for (const r of this.releases) r.current = false;
    release.current = true;
  }

  private startBuild(commit: string): void {
    const id = `b-${this.builds.length + 1}`;
    const build: Record<string, unknown> = {
      id,
      status: 'pending',
      created_at: new Date().toISOString(),
      source_blob: { version: commit },
      output_stream_url: `${this.api.url}/streams/build`,
      release: null,
    };
    this.builds.push(build);
    setTimeout(() => {
      if (this.buildFails) {
        build['status'] = 'failed';
        return;
      }
      const slug = `s-${this.slugs.size + 1}`;
      this.slugs.set(slug, commit);
      const release = this.release(this.releases.length + 1, slug, 'pending', false, true);
      this.releases.push(release);
      build['status'] = 'succeeded';
      build['release'] = { id: release.id };
      setTimeout(() => {
        release.status = this.releasePhaseFails ? 'failed' : 'succeeded';
        if (release.status === 'succeeded') this.makeCurrent(release);
      }, 60);
    }, 60);
  }

  private routes(): void {
    const lines = (res: import('node:http').ServerResponse, text: string[]) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(text.join('\n') + '\n');
    };
    this.api
      .on('GET', /^\/apps\/demo$/, () => ({ body: { name: 'demo', git_url: this.git.gitUrl, web_url: this.router.url + '/' } }))
      .on('GET', /^\/apps\/demo\/builds$/, () => ({ body: this.builds }))
      .on('GET', /^\/apps\/demo\/builds\/([\w-]+)$/, (m) =>
        this.apiDown ? { status: 500, body: { id: 'internal_server_error', message: 'Internal server error.' } } : { body: this.builds.find((b) => b['id'] === m[1]) },
      )
      .on('GET', /^\/apps\/demo\/releases$/, () => ({ body: this.releases }))
      .on('GET', /^\/apps\/demo\/releases\/([\w-]+)$/, (m) => ({ body: this.releases.find((r) => r.id === m[1]) }))
      .on('POST', /^\/apps\/demo\/releases$/, (_m, body) => {
        const target = this.releases.find((r) => r.id === (body as { release?: string }).release);
        if (!target) return { status: 422, body: { id: 'invalid_params', message: 'Release not found.' } };
        const made = this.release(this.releases.length + 1, target.slug!.id, 'succeeded', false);
        made.description = `Rollback to v${target.version}`;
        this.releases.push(made);
        this.makeCurrent(made);
        return { status: 201, body: made };
      })
      .on('GET', /^\/apps\/demo\/slugs\/([\w-]+)$/, (m) => ({ body: { id: m[1], commit: this.slugs.get(m[1]!) ?? null } }))
      .on('GET', /^\/apps\/demo\/features$/, () => ({ body: [{ name: 'preboot', enabled: this.preboot }] }))
      .on('GET', /^\/apps\/demo\/formation$/, () => ({ body: [{ type: 'web', quantity: this.webQuantity, size: 'Standard-1X' }] }))
      .on('GET', /^\/apps\/demo\/config-vars$/, () => ({ body: this.configVars }))
      .on('GET', /^\/apps\/demo\/dynos$/, () => {
        const current = this.current();
        const crashed = this.behaviour.get(this.currentCommit() ?? '') === 'crash';
        return { body: current ? [{ name: 'web.1', type: 'web', state: crashed ? 'crashed' : 'up', release: { id: current.id, version: current.version } }] : [] };
      })
      .raw('GET', /^\/streams\/build$/, (_req, res) => lines(res, BUILD_LOG))
      .raw('GET', /^\/streams\/release$/, (_req, res) => lines(res, RELEASE_LOG));
  }
}

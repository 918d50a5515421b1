import { pypiDocument, sendJson, startServer, type FakeProject, type FakeServer } from '../../versions/helpers/fake-indexes.js';

/** One release as the per-release JSON API describes it. */
export interface FakeRelease {
  requires_dist?: string[];
  requires_python?: string;
  yanked?: boolean;
}

export type FakeIndex = Record<string, Record<string, FakeRelease>>;

/**
 * PyPI's JSON API for upgrade tests: `/pypi/NAME/json` lists the releases (as test/versions' fake does),
 * `/pypi/NAME/VERSION/json` gives that release's `info.requires_dist` and `info.requires_python`.
 */
export function fakePypiWithMetadata(index: FakeIndex): Promise<FakeServer> {
  return startServer((req, res) => {
    const project = /^\/pypi\/([^/]+)\/json$/.exec(req.path);
    const release = /^\/pypi\/([^/]+)\/([^/]+)\/json$/.exec(req.path);
    const name = decodeURIComponent((project ?? release)?.[1] ?? '');
    const releases = index[name];
    if (!releases) return sendJson(res, 404, { message: 'Not Found' });
    if (project) {
      const listed: FakeProject = Object.fromEntries(Object.entries(releases).map(([v, r]) => [v, [{ yanked: r.yanked ?? false }]]));
      return sendJson(res, 200, pypiDocument(name, listed));
    }
    const version = decodeURIComponent(release![2]!);
    const info = releases[version];
    if (!info) return sendJson(res, 404, { message: 'Not Found' });
    sendJson(res, 200, { info: { name, version, requires_dist: info.requires_dist ?? null, requires_python: info.requires_python ?? '' }, urls: [], vulnerabilities: [] });
  });
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform } from '../platform/platform.js';

/**
 * Each build compiles in its own folder, `<root>/<build id>`, which becomes the slug when it succeeds: a
 * virtualenv cannot be moved, so the tree is built where it will run. A slug made through the API
 * without a build has no folder.
 */
export class SlugDirs {
  constructor(
    private readonly platform: Platform,
    readonly root: string,
  ) {}

  forBuild(buildId: string): string {
    return join(this.root, buildId);
  }

  forSlug(slugId: string): string | undefined {
    const build = this.platform.db.prepare('SELECT id FROM builds WHERE slug_id = ? ORDER BY created_at DESC LIMIT 1').get(slugId) as { id: string } | undefined;
    const dir = build && this.forBuild(build.id);
    return dir && existsSync(dir) ? dir : undefined;
  }
}

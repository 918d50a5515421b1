import { slugPath } from './slug-layout.js';

/**
 * The environment of anything that runs in a slug (a build step, the release phase, a dyno): the app's
 * config vars, then what the platform sets and a config var cannot override (HOME is the app folder as
 * `/app` is on Heroku, PATH goes through the slug's virtualenv), then the caller's (PORT, DYNO…). Nothing
 * else of the platform's own environment leaks in.
 */
export function slugEnv(config: Record<string, string>, slugDir: string, python: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    LANG: 'C.UTF-8',
    // The Python buildpack's default: unbuffered output, so logs arrive as they are written.
    PYTHONUNBUFFERED: 'true',
    ...config,
    HOME: slugDir,
    PATH: slugPath(slugDir, python),
    ...extra,
  };
}

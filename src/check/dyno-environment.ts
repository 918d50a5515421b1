import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.js';

/**
 * What every dyno has before any config var: DYNO and PORT from the dyno manager, and what the Python
 * buildpack exports at boot (data/heroku/dyno-environment.json, dated). Settings often branch on them
 * (`IS_HEROKU_APP = "DYNO" in os.environ`), so reading the settings as a dyno runs them needs them.
 */
interface DynoVariable {
  name: string;
  value: string;
  set_by: string;
  /** Describes the dyno's file system (PYTHONHOME, PATH…): never handed to a local Python. */
  layout?: boolean;
}

interface DynoEnvironmentData {
  as_of: string;
  sources: string[];
  variables: DynoVariable[];
}

let data: DynoEnvironmentData | undefined;

function dynoData(): DynoEnvironmentData {
  data ??= JSON.parse(readFileSync(packagePath('data', 'heroku', 'dyno-environment.json'), 'utf8')) as DynoEnvironmentData;
  return data;
}

export interface DynoEnvironment {
  /** The environment the settings are read under: the dyno's variables, then the given ones over them. */
  env: Record<string, string>;
  /** The dyno's variables the given environment did not set, by name: the report lists them. */
  assumed: Record<string, string>;
  /** For a local Python importing the settings: the same, without the dyno's file-system layout. */
  childEnv: Record<string, string>;
}

/** The given environment (config vars, --env-file, --env) on top of what a dyno always has. */
export function withDynoEnvironment(given: Readonly<Record<string, string>>): DynoEnvironment {
  const assumed: Record<string, string> = {};
  const childEnv: Record<string, string> = {};
  for (const variable of dynoData().variables) {
    if (Object.hasOwn(given, variable.name)) continue;
    assumed[variable.name] = variable.value;
    if (!variable.layout) childEnv[variable.name] = variable.value;
  }
  return { env: { ...assumed, ...given }, assumed, childEnv: { ...childEnv, ...given } };
}

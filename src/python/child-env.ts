/** What any interpreter needs to start and decode text; nothing else of the user's shell is passed on. */
export function interpreterEnv(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'LANG'] as const) if (source[name] !== undefined) env[name] = source[name];
  return env;
}

/**
 * The environment of a Python child that imports the user's settings. It gets ONLY the evaluation
 * environment (what production would have) plus PATH/HOME/LANG: inheriting the user's shell would let a
 * local DATABASE_URL or DEBUG=1 leak into a "production" evaluation and make it lie.
 */
export function pythonChildEnv(evaluation: Record<string, string>, settingsModule: string): NodeJS.ProcessEnv {
  return {
    ...evaluation,
    ...interpreterEnv(),
    DJANGO_SETTINGS_MODULE: settingsModule,
    // Checking a project must not leave __pycache__ folders in it.
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

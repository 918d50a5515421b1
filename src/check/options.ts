/** What `implanta check` (and the deploy gate that reuses it) can be asked. */
export interface CheckOptions {
  dir: string;
  envFile?: string;
  /** `--env KEY=VALUE` pairs: applied last, so they win over the env file and the app's config vars. */
  env: Record<string, string>;
  settingsModule?: string;
  /** `--django-version X.Y`. */
  djangoVersion?: string;
  settingsSource: 'static' | 'python';
  /** `--django`: also run the project's real `manage.py check --deploy`. */
  runDjango: boolean;
  python?: string;
  hosts: string[];
  app?: string;
  apiUrl?: string;
  /** Shown while facts are gathered; the CLI prints it only on a terminal. */
  progress?: (message: string) => void;
  /** Injected by tests so date-based rules are deterministic. */
  today?: Date;
}

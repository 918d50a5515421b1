/** What `implanta upgrade` can be asked; the CLI fills it from flags, tests directly. */
export interface UpgradeOptions {
  /** django, python, stack or a package name. */
  what: string;
  dir: string;
  /** `--to`: an exact version (packages), X.Y or X.Y.Z (python), a stack name. */
  to?: string;
  /** `--lts`: Django only, the newest long-term-support series. */
  lts?: boolean;
  dryRun?: boolean;
  /** Keep the edited files when tests or checks fail (default: restore them byte for byte). */
  keep?: boolean;
  /** `git commit` the edited files once tests and checks pass. */
  commit?: boolean;
  /** Deploy after the commit (needs `app`). */
  deploy?: boolean;
  app?: string;
  apiUrl?: string;
  pypiUrl?: string;
  cacheDir?: string;
  offline?: boolean;
  python?: string;
  testCommand?: string;
  envFile?: string;
  /** Injected by tests so support windows are judged on a fixed day. */
  today?: Date;
  /** Shown while a step runs; the CLI prints it only on a terminal. */
  progress?: (message: string) => void;
}

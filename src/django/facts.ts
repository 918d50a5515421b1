import type { SettingsView } from '../project/settings/types.js';

/**
 * What a static look at CSRF_FAILURE_VIEW found. Django imports the dotted path with `get_callable` and
 * checks `inspect.signature(view).bind(None, reason=None)`; implanta reads the module instead of running it.
 */
export type CsrfViewFacts =
  /** The setting is absent or names Django's own view, which always passes. */
  | { kind: 'default' }
  /** The function exists and accepts (request, reason=...). */
  | { kind: 'ok'; file: string; line: number }
  /** The function exists but Django could not call it with (request, reason=...). */
  | { kind: 'bad-signature'; file: string; line: number; problem: string }
  /**
   * Django could not load the view. `djangoCrashes` marks the cases where Django's own check raises
   * ViewDoesNotExist instead of reporting E102 (a module or name missing inside a package that exists).
   */
  | { kind: 'not-importable'; problem: string; djangoCrashes: boolean; file?: string; line?: number }
  /** Outside the project tree, defined dynamically, decorated by unknown code…: only running it would tell. */
  | { kind: 'unknown'; about: 'import' | 'signature'; reason: string; file?: string; line?: number };

export interface DjangoFacts {
  /** `get(name)` undefined means Django's global default applies. */
  settings: SettingsView;
  /** Rules that do not exist in this version do not report. */
  version: { major: number; minor: number };
  /** The environment the app runs with (async.E001 reads DJANGO_ALLOW_ASYNC_UNSAFE). Values are secret. */
  env: Record<string, string>;
  /** Gathered by `inspectCsrfFailureView` when CSRF_FAILURE_VIEW is set (security.E101/E102). */
  csrfFailureView?: CsrfViewFacts;
  /**
   * Where the settings read a variable that has no default and is not set. That fact is
   * codebase.required-env's (the app would not boot); a check whose value stops there has nothing to add.
   */
  unsetRequiredReads?: readonly { file: string; line: number }[];
}

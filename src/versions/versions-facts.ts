import type { DependencySet, DjangoVersion, PythonVersionDecl, Requirement } from '../project/types.js';
import type { StackInfo } from '../heroku/platform-data.js';
import type { DjangoSeriesInfo, PythonSeriesInfo } from './lifecycle.js';

/**
 * Everything the `versions.*` rules and the one-screen table read, gathered once by
 * gatherVersionsFacts. Plain data (dates as YYYY-MM-DD strings), so it prints as JSON as-is.
 */
export interface VersionsFacts {
  root: string;
  /** Injected, so every "days left" and "past end of life" verdict is deterministic. */
  today: Date;
  /** Undefined when the project has no dependency file Heroku reads. */
  dependencies?: DependencySet;
  /** One entry per requirement line (constraints are folded into the requirement they pin). */
  packages: PackageVersions[];
  pypi: SourceStatus;
  osv: SourceStatus;
  django?: { version: DjangoVersion; series?: DjangoSeriesInfo };
  python?: { declared: PythonVersionDecl; series?: PythonSeriesInfo };
  /** Only when an app was given: its stack, the stack its next build uses, and whether it is a Fir app. */
  stack?: { name: string; info?: StackInfo; defaultStack: string; asOf: string; buildStack?: string; fir?: boolean };
  /** The stack app.json asks for, which apps made from it get (review apps, the Heroku Button). */
  manifestStack?: { name: string; info?: StackInfo; defaultStack: string; file: string; line: number };
  lifecycle: { asOf: string; django: DjangoSeriesInfo[]; python: PythonSeriesInfo[] };
}

/** Where a kind of fact came from, and why it is missing when it is. */
export interface SourceStatus {
  /** The URL, the dump file, or "cache". */
  source: string;
  /** Set when no package got this fact: "PyPI not reachable at URL: ECONNREFUSED". */
  skipped?: string;
}

export interface PackageVersions {
  requirement: Requirement;
  /** The exact version installed: the requirement's pin, or a constraint file's. */
  pinned?: string;
  /** The constraint line that pins it, when that is where the pin comes from. */
  pinnedBy?: { file: string; line: number };
  /** Not looked up: a direct URL or VCS requirement does not come from the index. */
  notOnIndex?: boolean;
  /** PyPI's answer: found, unknown to the index (a private package), not asked, or missing with a reason. */
  index: 'found' | 'not-found' | 'not-asked' | { skipped: string };
  /** The index's stable releases, ascending: what an upgrade can move to. */
  releases?: string[];
  /** Newest stable release. */
  latest?: string;
  /** Newest stable release in the pin's series (same X.Y for Django, same X otherwise). */
  latestInSeries?: string;
  /** For a range: the newest stable release it admits, which a fresh build would install. */
  resolves?: string;
  /** Undefined when not known: nothing pinned, or OSV unavailable. */
  vulnerabilities?: Advisory[];
  /** The lowest stable release above the pin that no known advisory affects. */
  safeUpgrade?: string;
}

export interface Advisory {
  id: string;
  /** CVE and GHSA ids naming the same problem. */
  aliases: string[];
  summary?: string;
  /** GitHub's LOW / MODERATE / HIGH / CRITICAL when given, else a CVSS vector. */
  severity?: string;
  /** Versions that fix it for this package, ascending. */
  fixed: string[];
  /** The lowest fixed version above the pin. */
  fixedAbovePin?: string;
  url: string;
}

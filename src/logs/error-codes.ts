import { readFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.js';

export interface ErrorCodeInfo {
  title: string;
  level: 'critical' | 'warning' | 'info';
  meaning: string;
  fix: string;
}

export interface ErrorCodeData {
  as_of: string;
  sources: string[];
  codes: Record<string, ErrorCodeInfo>;
}

let cached: ErrorCodeData | undefined;

/** Heroku's error codes (H, R), dated, from data/heroku/error-codes.json. */
export function errorCodeData(): ErrorCodeData {
  cached ??= JSON.parse(readFileSync(packagePath('data', 'heroku', 'error-codes.json'), 'utf8')) as ErrorCodeData;
  return cached;
}

export function errorCode(code: string): ErrorCodeInfo | undefined {
  return errorCodeData().codes[code];
}

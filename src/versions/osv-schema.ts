import { isObject } from './http.js';

/** The parts of the OSV schema (ossf.github.io/osv-schema) implanta reads. */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: string;
  events: OsvEvent[];
}

export interface OsvAffected {
  package?: { ecosystem?: string; name?: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  database_specific?: Record<string, unknown>;
}

export interface OsvVulnerability {
  id: string;
  summary?: string;
  details?: string;
  aliases?: string[];
  modified?: string;
  withdrawn?: string;
  severity?: { type: string; score: string }[];
  affected?: OsvAffected[];
  references?: { type: string; url: string }[];
  database_specific?: Record<string, unknown>;
}

/** Checks the few fields implanta relies on; anything else in the record is tolerated as-is. */
export function isOsvVulnerability(value: unknown): value is OsvVulnerability {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    (value.affected === undefined || Array.isArray(value.affected)) &&
    (value.aliases === undefined || Array.isArray(value.aliases))
  );
}

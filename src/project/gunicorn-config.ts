import { join } from 'node:path';
import { ProjectFileRefused, readProjectText, sizeLabel } from './project-file.js';
import { PARSE_CAP_NODES, parsePython } from './settings/parser.js';
import { literalString, literalStringDict, literalStrings } from './python-literals.js';
import type { ProjectFacts } from './types.js';

export type GunicornConfig = NonNullable<ProjectFacts['gunicornConfig']>;

const GUNICORN_CONFIG_FILE = 'gunicorn.conf.py';

/**
 * The two settings of gunicorn.conf.py that decide whether gunicorn believes the router's
 * X-Forwarded-Proto. Only top-level literal assignments are read; a computed value is left out
 * (gunicorn's default then stands in, which is what most such files compute anyway).
 */
export async function parseGunicornConfig(source: string, file = GUNICORN_CONFIG_FILE): Promise<GunicornConfig> {
  const tree = await parsePython(source);
  const config: GunicornConfig = { file };
  // Past the parse cap nothing is read from it, and gunicorn's defaults cannot stand in: it may set either.
  if (!tree) return { ...config, unreadable: `it is ${sizeLabel(Buffer.byteLength(source))}, more Python than implanta reads (${PARSE_CAP_NODES} syntax nodes)` };
  for (const statement of tree.rootNode.namedChildren) {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    if (assignment?.type !== 'assignment') continue;
    const target = assignment.childForFieldName('left');
    const value = assignment.childForFieldName('right');
    if (target?.type !== 'identifier') continue;
    if (target.text === 'forwarded_allow_ips') {
      const ips = literalString(value) ?? literalStrings(value)?.join(',');
      if (ips !== undefined) config.forwardedAllowIps = ips;
    } else if (target.text === 'secure_scheme_headers') {
      const headers = literalStringDict(value);
      // gunicorn matches header names upper-cased; the router sends X-Forwarded-Proto: https.
      if (headers) config.secureSchemeHeaders = [...headers].some(([k, v]) => k.toUpperCase() === 'X-FORWARDED-PROTO' && v === 'https');
    }
  }
  return config;
}

/**
 * gunicorn's config file, if any: by default gunicorn.conf.py in the working directory (the project
 * root on Heroku); pass the Procfile's `-c FILE` (relative to the root) when it names another.
 */
export async function readGunicornConfig(root: string, file = GUNICORN_CONFIG_FILE): Promise<GunicornConfig | undefined> {
  let source: string;
  try {
    source = readProjectText(join(root, file), { root, display: file });
  } catch (error) {
    if (error instanceof ProjectFileRefused) throw error;
    return undefined;
  }
  return parseGunicornConfig(source, file);
}

/**
 * Reads PostgreSQL DDL the way the migration rules need it: which statement drops, renames, tightens,
 * rewrites or indexes what. Used for a RunSQL's literal SQL and for what `manage.py sqlmigrate` prints.
 * A statement this reader does not recognise is `unknown`: a rule then says it cannot tell.
 */
export type SqlAction =
  | { kind: 'create-table' | 'drop-table'; table: string; sql: string }
  | { kind: 'rename-table'; table: string; to: string; sql: string }
  | { kind: 'add-column'; table: string; column: string; notNull: boolean; dbDefault: boolean; sql: string }
  | { kind: 'drop-column' | 'set-not-null' | 'drop-not-null' | 'drop-default'; table: string; column: string; sql: string }
  | { kind: 'rename-column'; table: string; column: string; to: string; sql: string }
  | { kind: 'alter-type'; table: string; column: string; type: string; sql: string }
  | { kind: 'create-index'; table: string; concurrently: boolean; unique: boolean; sql: string }
  | { kind: 'drop-index'; index: string; concurrently: boolean; sql: string }
  | { kind: 'add-constraint'; table: string; constraint: 'unique' | 'other'; sql: string }
  | { kind: 'drop-constraint'; table: string; name: string; sql: string }
  | { kind: 'harmless'; sql: string }
  | { kind: 'unknown'; sql: string };

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[\w$]+)`;
const QUALIFIED = String.raw`${IDENT}(?:\s*\.\s*${IDENT})?`;

/** Statements one by one: semicolons inside quotes, dollar quotes and comments do not split. */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; ) {
    const rest = text.slice(i);
    const token =
      /^--[^\n]*/.exec(rest)?.[0] ??
      /^\/\*[\s\S]*?\*\//.exec(rest)?.[0] ??
      /^'(?:[^']|'')*'/.exec(rest)?.[0] ??
      /^"(?:[^"]|"")*"/.exec(rest)?.[0] ??
      dollarQuoted(rest);
    if (token) {
      // Comments become a space: a statement of comments alone is empty.
      current += token.startsWith('--') || token.startsWith('/*') ? ' ' : token;
      i += token.length;
      continue;
    }
    if (text[i] === ';') {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += text[i];
    i++;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

function dollarQuoted(rest: string): string | undefined {
  const tag = /^\$(\w*)\$/.exec(rest)?.[0];
  if (!tag) return undefined;
  const end = rest.indexOf(tag, tag.length);
  return end < 0 ? rest : rest.slice(0, end + tag.length);
}

export function readSql(text: string): SqlAction[] {
  const actions: SqlAction[] = [];
  // A loop, not push(...): a migration's SQL may be any size.
  for (const statement of splitStatements(text)) for (const action of readStatement(statement.replace(/\s+/g, ' '))) actions.push(action);
  // Django adds a NOT NULL column with a default to fill the existing rows, then drops the default:
  // the column ends NOT NULL without a database default.
  for (const action of actions) {
    if (action.kind !== 'add-column' || !action.dbDefault) continue;
    if (actions.some((a) => a.kind === 'drop-default' && a.table === action.table && a.column === action.column)) action.dbDefault = false;
  }
  return actions;
}

function readStatement(sql: string): SqlAction[] {
  let m: RegExpExecArray | null;
  if ((m = new RegExp(String.raw`^CREATE (?:UNLOGGED |TEMP |TEMPORARY )?TABLE (?:IF NOT EXISTS )?(${QUALIFIED})`, 'i').exec(sql))) return [{ kind: 'create-table', table: name(m[1]!), sql }];
  if ((m = new RegExp(String.raw`^DROP TABLE (?:IF EXISTS )?(${QUALIFIED})`, 'i').exec(sql))) return [{ kind: 'drop-table', table: name(m[1]!), sql }];
  if ((m = new RegExp(String.raw`^CREATE (UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?(?:${QUALIFIED} )?ON (?:ONLY )?(${QUALIFIED})`, 'i').exec(sql))) {
    return [{ kind: 'create-index', table: name(m[3]!), unique: Boolean(m[1]), concurrently: Boolean(m[2]), sql }];
  }
  if ((m = new RegExp(String.raw`^DROP INDEX (CONCURRENTLY )?(?:IF EXISTS )?(${QUALIFIED})`, 'i').exec(sql))) return [{ kind: 'drop-index', index: name(m[2]!), concurrently: Boolean(m[1]), sql }];
  if ((m = new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(${QUALIFIED}) (.*)$`, 'i').exec(sql))) return alterTable(name(m[1]!), m[2]!, sql);
  if (/^(?:BEGIN|COMMIT|START TRANSACTION|SET |RESET |SELECT |INSERT |UPDATE |DELETE |COMMENT ON |CREATE EXTENSION |CREATE SEQUENCE |ALTER SEQUENCE |DROP SEQUENCE |ANALYZE|VACUUM|CREATE (?:OR REPLACE )?(?:FUNCTION|VIEW|TRIGGER) |GRANT |REVOKE )/i.test(sql)) {
    return [{ kind: 'harmless', sql }];
  }
  return [{ kind: 'unknown', sql }];
}

function alterTable(table: string, rest: string, sql: string): SqlAction[] {
  let m: RegExpExecArray | null;
  if ((m = new RegExp(String.raw`^RENAME TO (${IDENT})`, 'i').exec(rest))) return [{ kind: 'rename-table', table, to: name(m[1]!), sql }];
  if ((m = new RegExp(String.raw`^RENAME (?:COLUMN )?(${IDENT}) TO (${IDENT})`, 'i').exec(rest))) return [{ kind: 'rename-column', table, column: name(m[1]!), to: name(m[2]!), sql }];
  return topLevelParts(rest).map((part) => alterAction(table, part, sql));
}

function alterAction(table: string, part: string, sql: string): SqlAction {
  let m: RegExpExecArray | null;
  if ((m = new RegExp(String.raw`^ADD (?:COLUMN )?(?:IF NOT EXISTS )?(${IDENT}) (.*)$`, 'i').exec(part)) && !/^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN|EXCLUDE)$/i.test(m[1]!)) {
    const rest = m[2]!.replace(/'(?:[^']|'')*'/g, "''");
    return { kind: 'add-column', table, column: name(m[1]!), notNull: /\bNOT NULL\b/i.test(rest) || /\bPRIMARY KEY\b/i.test(rest), dbDefault: /\bDEFAULT\b/i.test(rest), sql };
  }
  if ((m = new RegExp(String.raw`^DROP (?:COLUMN )?(?:IF EXISTS )?(${IDENT})`, 'i').exec(part)) && !/^CONSTRAINT$/i.test(m[1]!)) return { kind: 'drop-column', table, column: name(m[1]!), sql };
  if ((m = new RegExp(String.raw`^ALTER (?:COLUMN )?(${IDENT}) (SET|DROP) NOT NULL$`, 'i').exec(part))) {
    return { kind: m[2]!.toUpperCase() === 'SET' ? 'set-not-null' : 'drop-not-null', table, column: name(m[1]!), sql };
  }
  if ((m = new RegExp(String.raw`^ALTER (?:COLUMN )?(${IDENT}) (?:SET DATA )?TYPE (.+?)(?: USING .*)?$`, 'i').exec(part))) return { kind: 'alter-type', table, column: name(m[1]!), type: m[2]!.trim().toLowerCase(), sql };
  if ((m = new RegExp(String.raw`^ALTER (?:COLUMN )?(${IDENT}) DROP DEFAULT$`, 'i').exec(part))) return { kind: 'drop-default', table, column: name(m[1]!), sql };
  if (/^ALTER (?:COLUMN )?\S+ SET DEFAULT/i.test(part)) return { kind: 'harmless', sql };
  if ((m = new RegExp(String.raw`^ADD (?:CONSTRAINT ${IDENT} )?(UNIQUE|PRIMARY KEY|CHECK|FOREIGN KEY|EXCLUDE)`, 'i').exec(part))) {
    return { kind: 'add-constraint', table, constraint: /UNIQUE|PRIMARY/i.test(m[1]!) ? 'unique' : 'other', sql };
  }
  if ((m = new RegExp(String.raw`^DROP CONSTRAINT (?:IF EXISTS )?(${IDENT})`, 'i').exec(part))) return { kind: 'drop-constraint', table, name: name(m[1]!), sql };
  if (/^(?:VALIDATE CONSTRAINT|SET \(|OWNER TO|ENABLE|DISABLE|CLUSTER ON|SET (?:LOGGED|UNLOGGED))/i.test(part)) return { kind: 'harmless', sql };
  return { kind: 'unknown', sql };
}

/** ALTER TABLE's comma-separated actions, not splitting inside parentheses or quotes. */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoteChar = '';
  let current = '';
  for (const ch of text) {
    if (quoteChar) {
      if (ch === quoteChar) quoteChar = '';
    } else if (ch === "'" || ch === '"') quoteChar = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

/** An identifier without its quotes or schema. */
function name(text: string): string {
  const last = text.split(/\s*\.\s*(?=(?:"|[\w$]))/).at(-1)!;
  return last.startsWith('"') ? last.slice(1, -1).replace(/""/g, '"') : last.toLowerCase();
}

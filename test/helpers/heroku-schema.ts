import { readFileSync } from 'node:fs';
import AjvModule from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv-draft-04';

/**
 * Validates what the local platform answers against Heroku's published Platform API schema
 * (/work/shared/heroku/platform-api-schema.json, JSON hyper-schema draft-04): a success against the
 * `targetSchema` of the link whose method and href match the request, an error against Heroku's
 * `{id, message}` body.
 */
const SCHEMA_FILE = '/work/shared/heroku/platform-api-schema.json';

interface Link {
  href: string;
  method: string;
  targetSchema?: unknown;
}

interface HyperSchema {
  id: string;
  definitions: Record<string, { links?: Link[] }>;
}

const schema = withoutExamples(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))) as HyperSchema;
const rootId = schema.id.replace(/#$/, '');

// ajv-draft-04 is CommonJS: its class is the module's `default` property.
const Ajv = AjvModule.default;
// strict: false because the hyper-schema carries keywords plain JSON Schema does not know (links, example,
// readOnly, strictProperties); validateSchema: false because its meta-schema is interagent's, not draft-04.
const ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true });
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addFormat('date-time', (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)));
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addFormat('ipv4', /^(\d{1,3}\.){3}\d{1,3}$/);
ajv.addFormat('email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/);
// The schema marks domain.hostname as "uri" while Heroku answers a bare host name there, so a host name
// passes too; anything else must parse as an absolute URL.
ajv.addFormat('uri', (v: string) => URL.canParse(v) || /^(\*\.)?([a-z0-9-]+\.)+[a-z0-9-]+$/i.test(v));
ajv.addSchema(schema as object, rootId);

/**
 * ajv scans every key of a schema for `id`s, and the schema's examples hold sample objects with `id`
 * fields; they are documentation, so they are dropped (a property *named* example is kept).
 */
function withoutExamples(node: unknown, inProperties = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutExamples(item));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => inProperties || key !== 'example')
      .map(([key, value]) => [key, withoutExamples(value, !inProperties && (key === 'properties' || key === 'patternProperties'))]),
  );
}

const ERROR_BODY = {
  type: 'object',
  required: ['id', 'message'],
  properties: { id: { type: 'string', minLength: 1 }, message: { type: 'string', minLength: 1 } },
};

ajv.addSchema(ERROR_BODY, 'error-body');

const links: { method: string; pattern: RegExp; pointer: string }[] = [];
for (const [name, definition] of Object.entries(schema.definitions)) {
  (definition.links ?? []).forEach((link, index) => {
    if (!link.targetSchema) return;
    const pattern = new RegExp(`^${link.href.replace(/\{\([^)]*\)\}/g, '[^/]+').replace(/[.]/g, '\\.')}$`);
    links.push({ method: link.method, pattern, pointer: `${rootId}#/definitions/${name}/links/${index}/targetSchema` });
  });
}

const compiled = new Map<string, ValidateFunction>();

function validator(pointer: string): ValidateFunction {
  const known = compiled.get(pointer);
  if (known) return known;
  const fn = ajv.compile({ $ref: pointer });
  compiled.set(pointer, fn);
  return fn;
}

/** The schema errors of a response, empty when it conforms; throws when no link documents the request. */
export function schemaErrors(method: string, path: string, status: number, body: unknown): string[] {
  const pathname = path.split('?')[0]!;
  let validate: ValidateFunction;
  if (status >= 400) {
    validate = validator('error-body');
  } else {
    const link = links.find((l) => l.method === method && l.pattern.test(pathname));
    if (!link) throw new Error(`no link in the Platform API schema for ${method} ${pathname}`);
    validate = validator(link.pointer);
  }
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importNamesFor } from '../../../src/local/build/import-names.js';

const cases: [string, string[]][] = [
  ['Django', ['django']],
  ['dj-database-url', ['dj_database_url']],
  ['psycopg2-binary', ['psycopg2', 'psycopg2_binary']],
  ['python-decouple', ['decouple', 'python_decouple']],
  ['python-dateutil', ['dateutil', 'python_dateutil']],
  ['python-slugify', ['python_slugify', 'slugify']],
  ['PyYAML', ['yaml', 'pyyaml']],
  ['django-cors-headers', ['corsheaders', 'django_cors_headers']],
];

for (const [distribution, modules] of cases) {
  test(`the requirement ${distribution} is looked for as ${modules.join(', ')}`, () => {
    assert.deepEqual(importNamesFor(distribution), modules);
  });
}

/** Writes docs/rules.md from the rules' metadata (`npm run docs:rules`). */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allRuleMeta } from '../src/check/all-rules.js';
import { catalogueMarkdown } from '../src/core/catalogue.js';

const target = fileURLToPath(new URL('../docs/rules.md', import.meta.url));
writeFileSync(target, catalogueMarkdown(allRuleMeta()));
console.log(`wrote ${target}`);

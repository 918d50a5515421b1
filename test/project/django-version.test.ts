import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { djangoVersionFromDependencies } from '../../src/project/django-version.js';
import { readDependencies } from '../../src/project/requirements/read-dependencies.js';
import { parseRequirementsText } from '../../src/project/requirements/requirements-file.js';
import type { DependencySet, DjangoVersion } from '../../src/project/types.js';

const fixture = (dir: string) => fileURLToPath(new URL(`../fixtures/requirements/${dir}`, import.meta.url));

function fromText(text: string, constraints = ''): DependencySet {
  const root = fixture('forms');
  const reqs = parseRequirementsText(text, 'requirements.txt', root).requirements;
  const pins = parseRequirementsText(constraints, 'constraints.txt', root).requirements.map((r) => ({ ...r, kind: 'constraint' as const }));
  return { kind: 'requirements.txt', file: 'requirements.txt', requirements: [...reqs, ...pins], files: ['requirements.txt'], problems: [] };
}

const cases: [string, string, string, Omit<DjangoVersion, 'file'> | undefined][] = [
  ['an exact pin', 'Django==4.2.7', '', { major: 4, minor: 2, source: 'pin', line: 1 }],
  ['an arbitrary-equality pin', 'django===5.0.3', '', { major: 5, minor: 0, source: 'pin', line: 1 }],
  ['a pin outside the known series', 'Django==2.2.28', '', { major: 2, minor: 2, source: 'pin', line: 1 }],
  ['a bounded range', 'requests\nDjango>=4.2,<5', '', { major: 4, minor: 2, source: 'range', line: 2 }],
  ['a compatible release', 'Django~=4.1.3', '', { major: 4, minor: 1, source: 'range', line: 1 }],
  ['a lower bound inside a series', 'Django>=4.2.5,<5', '', { major: 4, minor: 2, source: 'range', line: 1 }],
  ['a strict lower bound at a series end', 'Django>5.0.99', '', { major: 5, minor: 1, source: 'range', line: 1 }],
  ['a wildcard', 'Django==5.1.*', '', { major: 5, minor: 1, source: 'range', line: 1 }],
  ['an exclusion', 'Django!=3.0.*,!=3.1.*,<5', '', { major: 3, minor: 2, source: 'range', line: 1 }],
  ['no lower bound reads as the oldest known series', 'Django<4', '', { major: 3, minor: 0, source: 'range', line: 1 }],
  ['no specifier at all', 'Django', '', { major: 3, minor: 0, source: 'range', line: 1 }],
  ['a range below every known series', 'Django>=2.1,<3', '', { major: 2, minor: 1, source: 'range', line: 1 }],
  ['a constraint pin wins over a range', 'Django>=4', 'Django==5.2.1', { major: 5, minor: 2, source: 'pin', line: 1 }],
  ['a constraint range narrows the requirement', 'Django>=3.2', 'Django>=5.0', { major: 5, minor: 0, source: 'range', line: 1 }],
  ['a VCS checkout has no readable version', 'git+https://github.com/django/django.git@main#egg=Django', '', undefined],
  ['a wheel URL names its version', 'https://host/Django-5.0.4-py3-none-any.whl', '', { major: 5, minor: 0, source: 'pin', line: 1 }],
  ['no Django at all', 'flask==3.0', '', undefined],
];

for (const [name, text, constraints, expected] of cases) {
  test(`Django version from ${name}`, () => {
    const found = djangoVersionFromDependencies(fromText(text, constraints));
    if (expected === undefined) return assert.equal(found, undefined);
    const file = expected.source === 'pin' && constraints.includes('==') ? 'constraints.txt' : 'requirements.txt';
    assert.deepEqual(found, { ...expected, file });
  });
}

const locks: [string, DjangoVersion][] = [
  ['pipfile', { major: 4, minor: 2, source: 'pin', file: 'Pipfile.lock', line: 26 }],
  ['poetry', { major: 5, minor: 1, source: 'pin', file: 'poetry.lock', line: 15 }],
  ['poetry-legacy', { major: 3, minor: 2, source: 'pin', file: 'poetry.lock', line: 1 }],
  ['uv', { major: 5, minor: 1, source: 'pin', file: 'uv.lock', line: 19 }],
  ['includes', { major: 4, minor: 2, source: 'pin', file: 'constraints/pins.txt', line: 1 }],
];

for (const [dir, expected] of locks) {
  test(`Django version from the ${dir} fixture`, () => {
    assert.deepEqual(djangoVersionFromDependencies(readDependencies(fixture(dir))!), expected);
  });
}

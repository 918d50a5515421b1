import { test } from 'node:test';
import { dependenciesRule, pinnedDependenciesRule } from '../../src/codebase/dependencies.js';
import type { DependencySet } from '../../src/project/types.js';
import { assertReports, projectFacts, requirementsTxt, type Expected, type FactsInput } from '../helpers/project-facts.js';

const withProblem: DependencySet = { ...requirementsTxt(['Django==5.2.1']), problems: [{ file: 'requirements.txt', line: 4, message: 'unknown option --foo' }] };

const fileCases: Array<[string, FactsInput, Expected[]]> = [
  ['requirements.txt', { requirements: ['Django==5.2.1'] }, []],
  ['none', {}, [{ severity: 'error', message: /^no requirements\.txt, Pipfile\.lock, poetry\.lock or uv\.lock at the project root/ }]],
  ['a line pip rejects', { requirements: withProblem }, [{ severity: 'error', message: /^requirements\.txt:4: unknown option --foo$/, file: 'requirements.txt', line: 4 }]],
];

for (const [name, input, expected] of fileCases) {
  test(`codebase.dependencies: ${name}`, () => assertReports(dependenciesRule, projectFacts(input), expected));
}

const pinCases: Array<[string, string, string[], Expected[] | 'skip']> = [
  ['Django and gunicorn pinned', 'gunicorn proj.wsgi', ['django==5.2.1', 'gunicorn==23.0.0'], []],
  ['names are matched normalised', 'gunicorn proj.wsgi', ['Django==5.2.1', 'Gunicorn==23.0.0'], []],
  ['a bounded range warns: versions.unpinned judges pins', 'gunicorn proj.wsgi', ['Django>=4.2,<5', 'gunicorn==23.0.0'], []],
  ['a compatible release warns: versions.unpinned judges pins', 'gunicorn proj.wsgi', ['Django~=4.2.0', 'gunicorn==23.0.0'], []],
  ['no upper bound: versions.unpinned judges pins', 'gunicorn proj.wsgi', ['Django>=3.2', 'gunicorn==23.0.0'], []],
  ['no specifier: versions.unpinned judges pins', 'gunicorn proj.wsgi', ['Django==5.2.1', 'gunicorn'], []],
  ['a VCS branch: versions.unpinned judges pins', 'gunicorn proj.wsgi', ['git+https://github.com/django/django.git#egg=Django', 'gunicorn==23.0.0'], []],
  ['a VCS revision', 'gunicorn proj.wsgi', ['git+https://github.com/django/django.git@5.2.1#egg=Django', 'gunicorn==23.0.0'], []],
  ['the server is missing', 'gunicorn proj.wsgi', ['Django==5.2.1'], [{ severity: 'error', message: /^gunicorn is not declared in requirements\.txt: the web process starts gunicorn and would crash with "command not found"/, file: 'requirements.txt' }]],
  ['Django is missing', 'gunicorn proj.wsgi', ['gunicorn==23.0.0'], [{ severity: 'error', message: /^Django is not declared in requirements\.txt/ }]],
  ['waitress-serve comes from waitress', 'waitress-serve --port=$PORT proj.wsgi:application', ['Django==5.2.1'], [{ severity: 'error', message: /^waitress is not declared/ }]],
  ['runserver needs no server package', 'python manage.py runserver', ['Django==5.2.1'], []],
];

for (const [name, web, requirements, expected] of pinCases) {
  test(`codebase.pinned-dependencies: ${name}`, () => assertReports(pinnedDependenciesRule, projectFacts({ procfile: `web: ${web}`, requirements }), expected));
}

test('codebase.pinned-dependencies: no dependency file is left to codebase.dependencies', () => assertReports(pinnedDependenciesRule, projectFacts({ procfile: 'web: gunicorn proj.wsgi' }), 'skip'));

test('codebase.pinned-dependencies: a constraint does not install the package', () => {
  const deps = requirementsTxt(['Django==5.2.1', 'gunicorn==23.0.0']);
  deps.requirements[1] = { ...deps.requirements[1]!, kind: 'constraint' };
  assertReports(pinnedDependenciesRule, projectFacts({ procfile: 'web: gunicorn proj.wsgi', requirements: deps }), [{ severity: 'error', message: /^gunicorn is not declared/ }]);
});

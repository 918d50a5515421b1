import { dependenciesRule, pinnedDependenciesRule } from '../../src/codebase/dependencies.js';
import { fileURLToPath } from 'node:url';
import { readDependencies } from '../../src/project/requirements/read-dependencies.js';
import type { DependencySet } from '../../src/project/types.js';
import { projectFacts, requirementsTxt } from '../helpers/project-facts.js';
import { testRule } from '../helpers/rule-tester.js';

const withProblem: DependencySet = { ...requirementsTxt(['Django==5.2.1']), problems: [{ file: 'requirements.txt', line: 4, message: 'unknown option --foo' }] };

testRule(dependenciesRule, {
  pass: [{ name: 'requirements.txt', facts: projectFacts({ requirements: ['Django==5.2.1'] }) }],
  fail: [
    { name: 'none', facts: projectFacts({}), reports: [{ messageId: 'no-dependency-file', severity: 'error' }] },
    { name: 'a line pip rejects', facts: projectFacts({ requirements: withProblem }), reports: [{ messageId: 'dependency-file-problem', severity: 'error', file: 'requirements.txt', line: 4, mentions: ['unknown option --foo'] }] },
  ],
});

const pins = (web: string, requirements: string[] | DependencySet) => projectFacts({ procfile: `web: ${web}`, requirements });
const read = (dir: string) => readDependencies(fileURLToPath(new URL(`../fixtures/requirements/${dir}`, import.meta.url)))!;
const constraint = requirementsTxt(['Django==5.2.1', 'gunicorn==23.0.0']);
constraint.requirements[1] = { ...constraint.requirements[1]!, kind: 'constraint' };

testRule(pinnedDependenciesRule, {
  pass: [
    { name: 'Django and gunicorn pinned', facts: pins('gunicorn proj.wsgi', ['django==5.2.1', 'gunicorn==23.0.0']) },
    { name: 'names are matched normalised', facts: pins('gunicorn proj.wsgi', ['Django==5.2.1', 'Gunicorn==23.0.0']) },
    // Whether a declaration is pinned is versions.unpinned's fact (one owner): this rule asks only whether it is declared.
    { name: 'a bounded range is versions.unpinned’s', facts: pins('gunicorn proj.wsgi', ['Django>=4.2,<5', 'gunicorn==23.0.0']) },
    { name: 'a compatible release is versions.unpinned’s', facts: pins('gunicorn proj.wsgi', ['Django~=4.2.0', 'gunicorn==23.0.0']) },
    { name: 'no upper bound is versions.unpinned’s', facts: pins('gunicorn proj.wsgi', ['Django>=3.2', 'gunicorn==23.0.0']) },
    { name: 'no specifier is versions.unpinned’s', facts: pins('gunicorn proj.wsgi', ['Django==5.2.1', 'gunicorn']) },
    { name: 'a VCS branch is versions.unpinned’s', facts: pins('gunicorn proj.wsgi', ['git+https://github.com/django/django.git#egg=Django', 'gunicorn==23.0.0']) },
    { name: 'a VCS revision', facts: pins('gunicorn proj.wsgi', ['git+https://github.com/django/django.git@5.2.1#egg=Django', 'gunicorn==23.0.0']) },
    { name: 'runserver needs no server package', facts: pins('python manage.py runserver', ['Django==5.2.1']) },
    // Several manager files (codebase.dependencies' error): the app is the poetry.lock that declares Django, not a
    // requirements.txt that installs poetry for a bin/post_compile hook.
    { name: 'a requirements.txt of poetry alone beside the app’s poetry.lock', facts: pins('gunicorn proj.wsgi', read('multiple-app-in-lock')) },
  ],
  fail: [
    { name: 'the server is missing', facts: pins('gunicorn proj.wsgi', ['Django==5.2.1']), reports: [{ messageId: 'not-declared', severity: 'error', file: 'requirements.txt', mentions: ['gunicorn'] }] },
    { name: 'Django is missing', facts: pins('gunicorn proj.wsgi', ['gunicorn==23.0.0']), reports: [{ messageId: 'not-declared', severity: 'error', mentions: ['Django'] }] },
    { name: 'waitress-serve comes from waitress', facts: pins('waitress-serve --port=$PORT proj.wsgi:application', ['Django==5.2.1']), reports: [{ messageId: 'not-declared', mentions: ['waitress '] }] },
    { name: 'a constraint does not install the package', facts: pins('gunicorn proj.wsgi', constraint), reports: [{ messageId: 'not-declared', mentions: ['gunicorn'] }] },
    { name: 'a requirements.txt of poetry alone, with no lock beside it', facts: pins('gunicorn proj.wsgi', requirementsTxt(['poetry==1.8.3'])), reports: [{ messageId: 'not-declared', mentions: ['Django'] }, { messageId: 'not-declared', mentions: ['gunicorn'] }] },
  ],
  skip: [{ name: 'no dependency file is left to codebase.dependencies', facts: projectFacts({ procfile: 'web: gunicorn proj.wsgi' }), reason: /no dependency file/ }],
});

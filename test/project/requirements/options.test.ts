import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitRequirementLine } from '../../../src/project/requirements/options.js';

const summary = (line: string) => {
  const split = splitRequirementLine(line);
  if ('error' in split) return { error: split.error };
  return { args: split.args, options: split.options.map((o) => (o.value === undefined ? o.spec.name : `${o.spec.name}=${o.value}`)) };
};

const valid: [string, string, string[]][] = [
  ['Django==4.2', 'Django==4.2', []],
  ['gunicorn==21 --hash=sha256:aa --hash sha256:bb', 'gunicorn==21', ['--hash=sha256:aa', '--hash=sha256:bb']],
  ['-r base.txt', '', ['--requirement=base.txt']],
  ['-rbase.txt', '', ['--requirement=base.txt']],
  ['--requirement=base.txt', '', ['--requirement=base.txt']],
  ['-c pins.txt', '', ['--constraint=pins.txt']],
  ['-e git+https://h/r.git#egg=r', '', ['--editable=git+https://h/r.git#egg=r']],
  ['--index-url https://pypi.org/simple', '', ['--index-url=https://pypi.org/simple']],
  ['-i https://pypi.org/simple', '', ['--index-url=https://pypi.org/simple']],
  ['--extra https://x/simple', '', ['--extra-index-url=https://x/simple']],
  ['--pre', '', ['--pre']],
  ['--prefer', '', ['--prefer-binary']],
  ['--no-binary :all:', '', ['--no-binary=:all:']],
  ['--trusted-host "pypi.example.com"', '', ['--trusted-host=pypi.example.com']],
  ['-f ./wheels --require-hashes', '', ['--find-links=./wheels', '--require-hashes']],
  ['pkg ; python_version < "3.11" --hash=sha256:aa', 'pkg ; python_version < "3.11"', ['--hash=sha256:aa']],
  ['-e ./lib --config-settings editable_mode=compat', '', ['--editable=./lib', '--config-settings=editable_mode=compat']],
];

for (const [line, args, options] of valid) {
  test(`splits ${JSON.stringify(line)}`, () => assert.deepEqual(summary(line), { args, options }));
}

const invalid: [string, RegExp][] = [
  ['--no-such-option', /no such option: --no-such-option/],
  ['--pre=yes', /--pre option does not take a value/],
  ['-r', /-r option requires 1 argument/],
  ['--index-url', /--index-url option requires 1 argument/],
  ['--e x', /ambiguous option: --e \(/],
  ['pkg --hash=md5:00', /Allowed hash algorithms/],
  ['pkg --hash=00', /hash name followed by a value/],
  ['--no-binary --pre', /requires 1 argument/],
  ['-r "unterminated', /could not split options/],
  ['-x', /no such option: -x/],
];

for (const [line, error] of invalid) {
  test(`rejects ${JSON.stringify(line)}`, () => {
    const result = splitRequirementLine(line);
    assert.ok('error' in result, `expected an error for ${line}`);
    assert.match(result.error, error);
  });
}

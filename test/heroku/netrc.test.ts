import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/core/errors.js';
import { netrcEntryFor, parseNetrc } from '../../src/heroku/netrc.js';

const cases: { name: string; text: string; host: string; password: string | undefined }[] = [
  {
    name: 'the Heroku CLI layout, one token per line',
    text: 'machine api.heroku.com\n  login me@example.com\n  password tok-api\nmachine git.heroku.com\n  login me@example.com\n  password tok-git\n',
    host: 'api.heroku.com',
    password: 'tok-api',
  },
  { name: 'everything on one line', text: 'machine git.heroku.com login a password g machine api.heroku.com login a password one-line', host: 'api.heroku.com', password: 'one-line' },
  { name: 'host names compare case-insensitively', text: 'machine API.Heroku.com password upper', host: 'api.heroku.com', password: 'upper' },
  { name: 'default applies when no machine matches', text: 'machine other.example.com password o\ndefault login x password fallback', host: 'api.heroku.com', password: 'fallback' },
  { name: 'a machine entry wins over default', text: 'default password fallback\nmachine api.heroku.com password exact', host: 'api.heroku.com', password: 'exact' },
  { name: 'the first entry for a host wins', text: 'machine api.heroku.com password first\nmachine api.heroku.com password second', host: 'api.heroku.com', password: 'first' },
  { name: 'a quoted password keeps spaces and escapes', text: 'machine api.heroku.com password "with space \\" quote"', host: 'api.heroku.com', password: 'with space " quote' },
  { name: 'comments are skipped', text: '# my tokens\nmachine api.heroku.com # the API\n password commented', host: 'api.heroku.com', password: 'commented' },
  {
    name: 'a macdef body is not read as entries',
    text: 'macdef init\nmachine api.heroku.com password inside-macro\n\nmachine api.heroku.com password after-macro\n',
    host: 'api.heroku.com',
    password: 'after-macro',
  },
  { name: 'no entry for the host and no default', text: 'machine git.heroku.com password g', host: 'api.heroku.com', password: undefined },
  { name: 'an empty file', text: '', host: 'api.heroku.com', password: undefined },
];

for (const c of cases) {
  test(`netrc: ${c.name}`, () => {
    assert.equal(netrcEntryFor(parseNetrc(c.text), c.host)?.password, c.password);
  });
}

test('netrc: a keyword without its value is an InputError naming the file and line, never a value', () => {
  assert.throws(
    () => parseNetrc('machine api.heroku.com\nlogin me\npassword', '/home/u/.netrc'),
    (e: unknown) => e instanceof InputError && e.message === '/home/u/.netrc line 3: `password` has no value',
  );
  assert.throws(() => parseNetrc('machine a password "s3cret-unterminated', 'n'), (e: unknown) => e instanceof InputError && !e.message.includes('s3cret'));
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { djangoDebugMarker } from '../../src/deploy/debug-page.js';

const TEMPLATES = '/usr/lib/python3/dist-packages/django/views/templates';

describe('djangoDebugMarker', () => {
  // Django's own templates, as installed: the pages DEBUG = True shows.
  for (const name of ['technical_500.html', 'technical_404.html', 'technical_500.txt', 'default_urlconf.html']) {
    it(`recognises Django's ${name}`, () => {
      assert.ok(djangoDebugMarker(readFileSync(`${TEMPLATES}/${name}`, 'utf8')));
    });
  }

  it("recognises the older straight apostrophe and an escaped one", () => {
    assert.ok(djangoDebugMarker("<p>You're seeing this error because you have <code>DEBUG = True</code> in your Django settings file.</p>"));
    assert.ok(djangoDebugMarker('<p>You&#x27;re seeing this error because you have <code>DEBUG = True</code></p>'));
  });

  const ordinary = [
    '<html><body><h1>Server Error (500)</h1></body></html>',
    '<html><body><h1>Not Found</h1><p>The requested resource was not found on this server.</p></body></html>',
    '<p>We set DEBUG = True only in development.</p>',
    '',
  ];
  for (const body of ordinary) {
    it(`passes an ordinary page: ${JSON.stringify(body.slice(0, 40))}`, () => assert.equal(djangoDebugMarker(body), undefined));
  }
});

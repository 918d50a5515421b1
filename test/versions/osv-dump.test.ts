import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vulnerabilitiesFromDump } from '../../src/versions/osv-dump.js';
import { InputError } from '../../src/core/errors.js';
import { writeZip, type ZipOptions } from './helpers/zip-writer.js';
import { advisory } from './helpers/advisories.js';

function dumpFile(files: Record<string, string>, opts: ZipOptions = {}): string {
  const file = join(mkdtempSync(join(tmpdir(), 'implanta-osv-')), 'all.zip');
  writeFileSync(file, writeZip(files, opts));
  return file;
}

const records = {
  'GHSA-1.json': JSON.stringify(advisory('GHSA-1', 'Django', [{ introduced: '4.2' }, { fixed: '4.2.8' }])),
  'PYSEC-2.json': JSON.stringify(advisory('PYSEC-2', 'django', [{ introduced: '4.0' }, { last_affected: '4.2.7' }])),
  'PYSEC-3.json': JSON.stringify(advisory('PYSEC-3', 'requests', [{ introduced: '0' }, { fixed: '2.32.0' }])),
  'GHSA-4.json': JSON.stringify(advisory('GHSA-4', 'django', [{ introduced: '0' }], { withdrawn: '2024-01-01T00:00:00Z' })),
  'GHSA-5.json': JSON.stringify({ ...advisory('GHSA-5', 'django', []), affected: [{ package: { ecosystem: 'PyPI', name: 'django' }, versions: ['4.2.9'] }] }),
  'broken.json': '{"id": "BROKEN", "affected": [',
  'README.txt': 'not a record',
};

const layouts: [string, ZipOptions][] = [['deflated', {}], ['stored', { store: true }], ['ZIP64', { zip64: true }]];
for (const [layout, opts] of layouts) {
  test(`an offline dump (${layout}) is evaluated locally: ranges, last_affected, version lists`, () => {
    const file = dumpFile(records, opts);
    const pins = [
      { name: 'django', version: '4.2.7' },
      { name: 'django', version: '4.2.9' },
      { name: 'requests', version: '2.32.3' },
      { name: 'gunicorn', version: '22.0.0' },
    ];
    const found = vulnerabilitiesFromDump(file, pins);
    const ids = (key: string) => found.get(key)?.map((v) => v.id).sort();
    assert.deepEqual(ids('django==4.2.7'), ['GHSA-1', 'PYSEC-2']);
    assert.deepEqual(ids('django==4.2.9'), ['GHSA-5']);
    assert.deepEqual(ids('requests==2.32.3'), []);
    assert.deepEqual(ids('gunicorn==22.0.0'), []);
  });
}

test('a dump that is missing or not a zip is bad input naming the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'implanta-osv-'));
  const notZip = join(dir, 'all.zip');
  writeFileSync(notZip, 'PK but not really');
  const truncated = join(dir, 'cut.zip');
  const whole = writeZip(records);
  // Keep the end record but drop the entries it points at.
  writeFileSync(truncated, Buffer.concat([whole.subarray(0, 10), whole.subarray(whole.length - 22)]));
  const zeroLink = join(dir, 'zero.zip');
  symlinkSync('/dev/zero', zeroLink);
  const cases: [string, RegExp][] = [
    [join(dir, 'nope.zip'), /^--osv-db .*nope\.zip: ENOENT$/],
    [notZip, /^--osv-db .*all\.zip: not a zip archive \(no end-of-central-directory record\)$/],
    [truncated, /^--osv-db .*cut\.zip: archive is truncated$/],
    // A link to a device would be read for ever: refused, not opened for reading.
    [zeroLink, /^--osv-db .*zero\.zip: is a device, not a regular file; implanta does not read it$/],
  ];
  for (const [file, message] of cases) {
    assert.throws(() => vulnerabilitiesFromDump(file, [{ name: 'django', version: '4.2.7' }]), (error: Error) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, message);
      return true;
    });
  }
});

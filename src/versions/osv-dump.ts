import { InputError } from '../core/errors.js';
import { normalizeName } from './names.js';
import { isAffected } from './osv-ranges.js';
import { isOsvVulnerability, type OsvVulnerability } from './osv-schema.js';
import { pinKey, type Pin, type VulnerabilityMap } from './osv.js';
import { zipEntries } from './zip-reader.js';
import { readProjectBytes } from '../project/project-file.js';

/** OSV's whole PyPI dump is tens of megabytes; far above it. */
const OSV_DUMP_MAX_BYTES = 1024 * 1024 * 1024;

/**
 * OSV's offline export (`https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip`: one JSON
 * record per advisory). Ranges are evaluated here, as the API would, so a machine without network
 * still gets the same verdicts.
 */
export function vulnerabilitiesFromDump(file: string, pins: readonly Pin[]): VulnerabilityMap {
  const wanted = new Set(pins.map((p) => p.name));
  const byPackage = new Map<string, OsvVulnerability[]>();
  for (const vuln of readDump(file)) {
    if (vuln.withdrawn) continue;
    const names = new Set(
      (vuln.affected ?? [])
        .filter((a) => a.package?.ecosystem === 'PyPI' && typeof a.package.name === 'string')
        .map((a) => normalizeName(a.package!.name!)),
    );
    for (const name of names) if (wanted.has(name)) byPackage.set(name, [...(byPackage.get(name) ?? []), vuln]);
  }
  const result: VulnerabilityMap = new Map();
  for (const pin of pins) {
    result.set(pinKey(pin), (byPackage.get(pin.name) ?? []).filter((v) => isAffected(v, pin.name, pin.version)));
  }
  return result;
}

/** The user named this file: an unreadable one is bad input (exit 2), not a missing fact. */
function readDump(file: string): OsvVulnerability[] {
  let zip: Buffer;
  try {
    // A regular file (or the user's pipe), capped: not a FIFO with no writer, not /dev/zero.
    zip = readProjectBytes(file, { display: `--osv-db ${file}`, maxBytes: OSV_DUMP_MAX_BYTES, pipes: true });
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`--osv-db ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return zipEntries(zip)
      .filter((e) => e.name.endsWith('.json'))
      .flatMap((entry) => {
        const record = parseRecord(entry.read());
        return record ? [record] : [];
      });
  } catch (error) {
    throw new InputError(`--osv-db ${file}: ${(error as Error).message}`);
  }
}

/** One bad record must not hide the thousands of good ones beside it. */
function parseRecord(data: Buffer): OsvVulnerability | undefined {
  try {
    const value: unknown = JSON.parse(data.toString('utf8'));
    return isOsvVulnerability(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

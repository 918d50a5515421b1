import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface LocalCertificate {
  key: string;
  cert: string;
  /** Where the certificate is, for NODE_EXTRA_CA_CERTS (the Heroku CLI) and GIT_SSL_CAINFO (git). */
  certPath: string;
}

/**
 * The local platform's own TLS certificate, for 127.0.0.1 and localhost, self-signed: made once with
 * openssl in `<dataDir>/tls/` and kept, so a client told to trust it keeps trusting it across restarts.
 * Undefined when openssl is not there: the platform then serves plain HTTP only.
 */
export async function localCertificate(dataDir: string): Promise<LocalCertificate | undefined> {
  const dir = join(dataDir, 'tls');
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  if (!existsSync(keyPath) || !existsSync(certPath)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    try {
      await promisify(execFile)('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '3650',
        '-subj', '/CN=implanta local', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout', keyPath, '-out', certPath,
      ]);
    } catch {
      return undefined;
    }
  }
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
}

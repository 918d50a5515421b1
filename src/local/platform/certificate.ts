import { X509Certificate, createPrivateKey } from 'node:crypto';
import { invalid } from './errors.js';
import { isoSeconds } from './ids.js';

export interface CertificateFacts {
  cert_domains: string[];
  starts_at: string;
  expires_at: string;
  issuer: string;
  subject: string;
  self_signed: boolean;
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Reads the leaf certificate of a PEM chain and checks the private key belongs to it, as Heroku does
 * before it accepts an SNI endpoint. Messages never quote the key.
 */
export function readCertificate(chain: string, privateKey: string): CertificateFacts {
  const blocks = chain.match(PEM_CERT);
  if (!blocks) throw invalid('certificate_chain holds no PEM certificate.');
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(blocks[0]!);
  } catch {
    throw invalid('certificate_chain could not be parsed as a certificate.');
  }
  let key;
  try {
    key = createPrivateKey(privateKey);
  } catch {
    throw invalid('private_key could not be parsed as a PEM private key.');
  }
  if (!leaf.checkPrivateKey(key)) throw invalid('private_key does not match the certificate.');
  return {
    cert_domains: certDomains(leaf),
    starts_at: isoSeconds(new Date(leaf.validFrom)),
    expires_at: isoSeconds(new Date(leaf.validTo)),
    issuer: slashed(leaf.issuer),
    subject: slashed(leaf.subject),
    self_signed: leaf.issuer === leaf.subject && leaf.verify(leaf.publicKey),
  };
}

/** The DNS names of subjectAltName, else the subject's common name. */
function certDomains(cert: X509Certificate): string[] {
  const alt = (cert.subjectAltName ?? '')
    .split(/,\s*/)
    .filter((entry) => entry.startsWith('DNS:'))
    .map((entry) => entry.slice(4));
  if (alt.length > 0) return alt;
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject);
  return cn ? [cn[1]!] : [];
}

/** Heroku shows names in OpenSSL's one-line form: `/C=US/O=Example/CN=www.example.com`. */
function slashed(name: string): string {
  return name
    .split('\n')
    .filter(Boolean)
    .map((part) => `/${part}`)
    .join('');
}

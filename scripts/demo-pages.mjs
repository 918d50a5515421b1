// The demo's stand-in for where a team hosts its custom maintenance and error pages (S3, a CDN): a
// small HTTPS server on 127.0.0.1 with a certificate from a throwaway CA the demo creates, so the
// production check fetches them over real TLS. Usage: node demo-pages.mjs CERT KEY PORT_FILE
import { createServer } from 'node:https';
import { readFileSync, writeFileSync } from 'node:fs';

const [cert, key, portFile] = process.argv.slice(2);
const page = (title, text) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>\n`;
const pages = {
  '/maintenance.html': page('Hollow is being updated', 'We will be back in a few minutes.'),
  '/error.html': page('Hollow is having trouble', 'Something went wrong on our side. Please try again shortly.'),
};
const server = createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (req, res) => {
  const body = pages[req.url ?? ''];
  res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
  res.end(body ?? page('Not found', req.url ?? ''));
});
server.listen(0, '127.0.0.1', () => writeFileSync(portFile, String(server.address().port)));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

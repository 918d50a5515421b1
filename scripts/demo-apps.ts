// Sets up the demo's two apps on a running `implanta local`, through the Platform API like any client:
//   hollow       as the deployment guide's production check asks (stack, Postgres HA, monitoring, logs,
//                custom pages, SSL, preboot);
//   hollow-2020  as the guide's era left it (heroku-18, hobby Postgres, DEBUG on, nothing else).
// An app on heroku-18 cannot be created any more (Heroku refuses retired stacks), so that one app is
// seeded straight into the platform's state, as if it had been created in 2020.
// Usage: node --import tsx scripts/demo-apps.ts API_URL DATA_DIR PAGES_URL
import { randomBytes } from 'node:crypto';
import { HerokuClient } from '../src/heroku/client.js';
import type * as Heroku from '../src/heroku/schema-extensions.js';
import { openPlatformDb } from '../src/local/db.js';
import { Platform } from '../src/local/platform/platform.js';

const [apiUrl, dataDir, pagesUrl] = process.argv.slice(2) as [string, string, string];
const client = new HerokuClient({ token: 'demo', baseUrl: apiUrl });
const secretKey = () => randomBytes(48).toString('base64url');

async function hollow(): Promise<void> {
  const app = await client.post<Heroku.App>('/apps', { name: 'hollow', region: 'us', stack: 'heroku-24' });
  const webHost = new URL(app.web_url ?? 'http://hollow.herokuapp.com/').hostname;
  await client.post('/apps/hollow/addons', { plan: 'heroku-postgresql:premium-0', attachment: { name: 'DATABASE' } });
  await client.patch('/apps/hollow/config-vars', {
    SECRET_KEY: secretKey(),
    DEBUG: 'false',
    ALLOWED_HOSTS: [webHost, 'hollow.herokuapp.com', 'www.hollow.example'].join(','),
    MAINTENANCE_PAGE_URL: `${pagesUrl}/maintenance.html`,
    ERROR_PAGE_URL: `${pagesUrl}/error.html`,
  });
  await client.post('/apps/hollow/addons', { plan: 'newrelic:wayne' });
  await client.post('/apps/hollow/addons', { plan: 'papertrail:choklad' });
  await client.post('/apps/hollow/log-drains', { url: 'syslog+tls://logs.hollow.example:6514' });
  await client.post('/apps/hollow/domains', { hostname: 'www.hollow.example', sni_endpoint: null });
  await client.post('/apps/hollow/acm', {});
  await client.patch('/apps/hollow/features/preboot', { enabled: true });
  console.log(`hollow: ${app.web_url}  (git ${app.git_url})`);
}

async function hollow2020(): Promise<void> {
  const db = openPlatformDb(dataDir);
  try {
    new Platform({ db, publicUrl: () => apiUrl }).apps.create({ name: 'hollow-2020', region: 'us', stack: 'heroku-18' }, { allowRetiredStack: true });
  } finally {
    db.close();
  }
  await client.post('/apps/hollow-2020/addons', { plan: 'heroku-postgresql:hobby-dev', attachment: { name: 'DATABASE' } });
  const app = await client.get<Heroku.App>('/apps/hollow-2020');
  await client.patch('/apps/hollow-2020/config-vars', { SECRET_KEY: 'hollow2020', DEBUG: 'True', ALLOWED_HOSTS: '*' });
  console.log(`hollow-2020: ${app.web_url}  (git ${app.git_url})`);
}

await hollow();
await hollow2020();

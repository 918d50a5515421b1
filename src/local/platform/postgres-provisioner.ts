import { spawn } from 'node:child_process';
import { Redactor } from '../../core/redact.js';
import { randomHex } from './ids.js';

/** A database the provisioner made: what DATABASE_URL points at and what deprovisioning drops. */
export interface ProvisionedDatabase {
  url: string;
  database: string;
  role: string;
}

/**
 * Makes a real database per heroku-postgresql add-on in a PostgreSQL server the local platform was given
 * (`--postgres URL`, a role allowed to create roles and databases): a new role with a random password that
 * owns a new database, as Heroku hands each add-on its own credentials. It drives the `psql` client, with
 * the SQL on stdin and the admin password in PGPASSWORD, so no password shows in a process list.
 */
export class PostgresProvisioner {
  private readonly admin: URL;

  constructor(adminUrl: string) {
    this.admin = new URL(adminUrl);
  }

  async create(): Promise<ProvisionedDatabase> {
    const suffix = randomHex(7);
    const database = `d${suffix}`;
    const role = `u${suffix}`;
    const password = randomHex(24);
    await this.run(
      [
        `CREATE ROLE "${role}" LOGIN PASSWORD '${password}';`,
        `CREATE DATABASE "${database}" OWNER "${role}";`,
        `REVOKE ALL ON DATABASE "${database}" FROM PUBLIC;`,
      ].join('\n'),
      [password],
    );
    const url = new URL(`postgres://${this.admin.host}/${database}`);
    url.username = role;
    url.password = password;
    return { url: url.href, database, role };
  }

  async drop(db: { database: string; role: string }): Promise<void> {
    await this.run(`DROP DATABASE IF EXISTS "${db.database}" WITH (FORCE);\nDROP ROLE IF EXISTS "${db.role}";`, []);
  }

  private run(sql: string, secrets: string[]): Promise<void> {
    const target = new URL(this.admin.href);
    const password = decodeURIComponent(target.password);
    target.password = '';
    const redactor = new Redactor([...secrets, password]);
    return new Promise((resolve, reject) => {
      const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', target.href], {
        env: { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '10' },
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', (error) => reject(new Error(`cannot run psql: ${error.message}`)));
      child.on('close', (code) => {
        if (code === 0) resolve();
        else reject(new Error(redactor.redact(stderr.trim().split('\n')[0] || `psql exited with ${code}`)));
      });
      child.stdin.end(sql);
    });
  }
}

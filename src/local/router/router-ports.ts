import type { PlatformDb } from '../db.js';

/**
 * The port of each app's own router listener, which its `web_url` names: kept in the platform database so
 * an app's URL survives a restart. Ports are handed out upwards in 20000–32767, below the kernel's
 * ephemeral range (32768–60999 on Linux): a port in that range can be taken at any moment by a `listen(0)`
 * or an outgoing connection, and a web_url that already went out must keep answering. Each platform
 * starts at an offset drawn from its own shared router port, so two platforms on one machine do not
 * start on the same port. `reassign` moves an app whose port another program took anyway.
 */
const FIRST_PORT = 20000;
const SPAN = 32767 - FIRST_PORT + 1;

export class RouterPorts {
  constructor(
    private readonly db: PlatformDb,
    /** The router's shared port, which spreads platforms apart within the range. */
    private readonly shared: () => number,
  ) {}

  /** The app's port, reserved on first use. */
  portOf(appId: string): number {
    const row = this.db.prepare('SELECT port FROM app_router_ports WHERE app_id = ?').get(appId) as { port: number } | undefined;
    return row?.port ?? this.reserve(appId);
  }

  reassign(appId: string): number {
    this.db.prepare('DELETE FROM app_router_ports WHERE app_id = ?').run(appId);
    return this.reserve(appId);
  }

  all(): { appId: string; port: number }[] {
    return (this.db.prepare('SELECT app_id, port FROM app_router_ports').all() as { app_id: string; port: number }[]).map((r) => ({ appId: r.app_id, port: r.port }));
  }

  private reserve(appId: string): number {
    const { top } = this.db.prepare('SELECT MAX(port) AS top FROM app_router_ports').get() as { top: number | null };
    const next = top === null ? FIRST_PORT + (this.shared() % SPAN) : top + 1;
    let port = next >= FIRST_PORT + SPAN ? FIRST_PORT : next;
    while (this.db.prepare('SELECT 1 FROM app_router_ports WHERE port = ?').get(port)) port++;
    this.db.prepare('INSERT INTO app_router_ports (app_id, port) VALUES (?, ?)').run(appId, port);
    return port;
  }
}

import type { PlatformDb } from '../db.js';

/**
 * The port of each app's own router listener, which its `web_url` names: kept in the platform database so
 * an app's URL survives a restart. A new app takes the port after the highest one given out (or after the
 * router's shared port); `reassign` moves an app whose port another program took.
 */
export class RouterPorts {
  constructor(
    private readonly db: PlatformDb,
    /** The router's shared port: app ports are counted from it. */
    private readonly base: () => number,
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
    let port = Math.max(top ?? 0, this.base()) + 1;
    if (port > 65535) port = 20000;
    while (this.db.prepare('SELECT 1 FROM app_router_ports WHERE port = ?').get(port)) port++;
    this.db.prepare('INSERT INTO app_router_ports (app_id, port) VALUES (?, ?)').run(appId, port);
    return port;
  }
}

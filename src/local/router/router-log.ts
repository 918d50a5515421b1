/**
 * Where Heroku's router logs a code other than at=error, and the codes that name the side that closed
 * the socket (devcenter "Heroku Error Codes"): the maintenance page is info, a visitor leaving is a
 * warning from the client's socket, a dyno dropping its answer midway is the backend's.
 */
const LEVELS: Record<string, { at: string; sock?: string }> = {
  H80: { at: 'info' },
  H27: { at: 'warning', sock: 'client' },
  H28: { at: 'warning', sock: 'client' },
  H18: { at: 'error', sock: 'backend' },
};

export interface RouterLogEntry {
  /** Heroku's error code (`H10`, `H12`…) and its description; `H80` (maintenance) logs at info. */
  code?: string;
  desc?: string;
  method: string;
  path: string;
  host: string;
  requestId: string;
  fwd: string;
  dyno?: string;
  connectMs?: number;
  serviceMs?: number;
  status: number;
  bytes?: number;
  protocol: string;
}

/**
 * One request in the router's log format, `heroku[router]: at=info method=GET path="/" host=… dyno=web.1
 * connect=0ms service=12ms status=200 bytes=… protocol=https`; errors are `at=error code=H10 desc="App
 * crashed" …` with the fields the router could not know left empty.
 */
export function routerLogLine(entry: RouterLogEntry): string {
  const level = entry.code ? LEVELS[entry.code] : undefined;
  const at = level?.at ?? (entry.code ? 'error' : 'info');
  const ms = (value: number | undefined) => (value === undefined ? '' : `${Math.round(value)}ms`);
  const fields = [
    ...(level?.sock ? [`sock=${level.sock}`] : []),
    `at=${at}`,
    ...(entry.code ? [`code=${entry.code}`, `desc="${entry.desc ?? ''}"`] : []),
    `method=${entry.method}`,
    `path="${entry.path.replace(/"/g, '%22')}"`,
    `host=${entry.host}`,
    `request_id=${entry.requestId}`,
    `fwd="${entry.fwd}"`,
    `dyno=${entry.dyno ?? ''}`,
    `connect=${ms(entry.connectMs)}`,
    `service=${ms(entry.serviceMs)}`,
    `status=${entry.status}`,
    `bytes=${entry.bytes ?? ''}`,
    `protocol=${entry.protocol}`,
  ];
  return fields.join(' ');
}

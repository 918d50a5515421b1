/**
 * Query strings carry what visitors typed and what links carry (reset tokens, search terms, API keys):
 * a logged path keeps its parameter names and loses their values. `/reset?token=abc&next=/` →
 * `/reset?token=[redacted]&next=[redacted]`.
 */
export function redactQuery(path: string): string {
  const question = path.indexOf('?');
  if (question < 0) return path;
  const query = path
    .slice(question + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? (pair === '' ? '' : '[redacted]') : `${pair.slice(0, eq + 1)}[redacted]`;
    })
    .join('&');
  return `${path.slice(0, question)}?${query}`;
}

/** The path without its query string: how requests are grouped per page. */
export function pathOnly(path: string): string {
  const question = path.indexOf('?');
  return question < 0 ? path : path.slice(0, question);
}

/** A request line inside an app's own log (`"GET /search?q=… HTTP/1.1"`): its query string is masked too. */
const REQUEST_IN_TEXT = /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\/[^\s"?]*\?[^\s"]*)/g;
const ROUTER_PATH = /(^|\s)path="([^"]*\?[^"]*)"/;

/** A log line with the query strings of the paths it mentions masked. */
export function redactLineQueries(line: string): string {
  if (!line.includes('?')) return line;
  return line
    .replace(ROUTER_PATH, (_, before: string, path: string) => `${before}path="${redactQuery(path)}"`)
    .replace(REQUEST_IN_TEXT, (_, method: string, path: string) => `${method} ${redactQuery(path)}`);
}

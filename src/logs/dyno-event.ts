/**
 * What a platform line about a dyno (`heroku[web.1]: …`) says, when it says something implanta counts:
 * an R-code (`Error R14 (Memory quota exceeded)`), a crash (`State changed from up to crashed`), or an
 * exit status (`Process exited with status 137`).
 */
export type DynoEvent = { kind: 'code'; code: string } | { kind: 'crash'; from: string } | { kind: 'exit'; status: number };

const R_CODE = /^Error (R\d\d) \(/;
const CRASHED = /^State changed from (\w+) to crashed/;
const EXITED = /^Process exited with status (\d+)/;

export function parseDynoMessage(message: string): DynoEvent | undefined {
  const first = message.charCodeAt(0);
  if (first === 69 /* E */) {
    const code = R_CODE.exec(message);
    return code ? { kind: 'code', code: code[1]! } : undefined;
  }
  if (first === 83 /* S */) {
    const crash = CRASHED.exec(message);
    return crash ? { kind: 'crash', from: crash[1]! } : undefined;
  }
  if (first === 80 /* P */) {
    const exit = EXITED.exec(message);
    return exit ? { kind: 'exit', status: Number(exit[1]) } : undefined;
  }
  return undefined;
}

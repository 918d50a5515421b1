import { setTimeout as sleep } from 'node:timers/promises';

export interface StreamOptions {
  onLine: (line: string) => void;
  /** Stops following (the overall deadline, Ctrl-C). */
  signal?: AbortSignal;
  /** Failed connections in a row before giving up. */
  maxFailures?: number;
  retryMs?: number;
  fetch?: typeof fetch;
}

export interface StreamResult {
  /** True when the stream ended by itself (the build or release phase is over). */
  complete: boolean;
  bytes: number;
  /** Why following stopped early. */
  problem?: string;
}

/**
 * Follows a build's or release phase's `output_stream_url` (text/plain, chunked) until the platform
 * closes it. A dropped connection resumes from the last byte seen with `Range: bytes=N-`, as the Platform
 * API documents; a server that ignores the range answers 200 and the bytes already shown are skipped.
 * The stream URL is pre-signed: the API token is never sent to it.
 */
export async function followOutputStream(url: string, options: StreamOptions): Promise<StreamResult> {
  const fetchImpl = options.fetch ?? fetch;
  const maxFailures = options.maxFailures ?? 5;
  const retryMs = options.retryMs ?? 1000;
  const decoder = new TextDecoder();
  let bytes = 0;
  let partial = '';
  let failures = 0;
  let problem = '';
  const emit = (text: string, final: boolean) => {
    const lines = (partial + text).split(/\r\n|\n/);
    partial = final ? '' : (lines.pop() ?? '');
    for (const line of lines) if (!(final && line === '')) options.onLine(line);
  };

  while (!options.signal?.aborted) {
    try {
      const headers: Record<string, string> = { Accept: 'text/plain' };
      if (bytes > 0) headers['Range'] = `bytes=${bytes}-`;
      const response = await fetchImpl(url, { headers, ...(options.signal && { signal: options.signal }) });
      if (response.status === 416) return done();
      if (response.status !== 200 && response.status !== 206) {
        await response.body?.cancel();
        throw new Error(`the output stream answered ${response.status}`);
      }
      let skip = response.status === 200 ? bytes : 0;
      for await (const chunk of response.body ?? []) {
        let data = chunk as Uint8Array;
        if (skip > 0) {
          const dropped = Math.min(skip, data.length);
          skip -= dropped;
          data = data.subarray(dropped);
        }
        if (data.length === 0) continue;
        bytes += data.length;
        failures = 0;
        emit(decoder.decode(data, { stream: true }), false);
      }
      return done();
    } catch (error) {
      if (options.signal?.aborted) break;
      failures += 1;
      problem = describe(error);
      if (failures >= maxFailures) {
        flush();
        return { complete: false, bytes, problem: `gave up following the output after ${failures} failed connections (${problem})` };
      }
      await sleep(retryMs * failures, undefined, options.signal ? { signal: options.signal } : undefined).catch(() => undefined);
    }
  }
  flush();
  return { complete: false, bytes, problem: 'stopped following the output' };

  function flush() {
    emit(decoder.decode(), true);
  }
  function done(): StreamResult {
    flush();
    return { complete: true, bytes };
  }
}

function describe(error: unknown): string {
  const err = error as { message?: string; cause?: { code?: string; message?: string } };
  return err.cause?.code ?? err.cause?.message ?? err.message ?? String(error);
}

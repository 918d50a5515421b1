const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const cleanups = new Set<() => void>();

function onSignal(signal: NodeJS.Signals): void {
  for (const cleanup of [...cleanups].reverse()) {
    try {
      cleanup();
    } catch {
      // The process is going away; one failed cleanup must not stop the others.
    }
  }
  cleanups.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // Die of the same signal, so the shell sees 130 for Ctrl-C as it would without us.
  process.kill(process.pid, signal);
}

/**
 * Runs `cleanup` (synchronous: the process is about to die) if Ctrl-C or a termination signal arrives
 * before the returned function is called. Used for what must never be left behind: a temporary
 * worktree, a deploy lock.
 */
export function onInterrupt(cleanup: () => void): () => void {
  if (cleanups.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
    if (cleanups.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
  };
}

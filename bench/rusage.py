"""Runs a command once and prints its wall time, CPU time (user + system, its children included) in ms,
and its peak resident memory in MB.

Node cannot read a finished child's CPU time or peak memory; wait4 can. The timing happens here, after
this interpreter has started, so its own start-up is in neither figure, and the peak RSS is the child's
(the largest of it and its waited-for descendants), not this interpreter's. Usage:
    python3 bench/rusage.py [--cwd DIR] [--timeout SECONDS] -- CMD ARGS...
      ->  {"wall_ms": …, "cpu_ms": …, "max_rss_mb": …, "status": …, "timed_out": …}
With --timeout, a child still running after SECONDS is killed (SIGKILL) and timed_out is true.
"""
import json
import os
import signal
import sys
import time

args = sys.argv[1:]
cwd = None
timeout = None
while args[:1] in (['--cwd'], ['--timeout']):
    if args[0] == '--cwd':
        cwd = args[1]
    else:
        timeout = float(args[1])
    args = args[2:]
if args[:1] == ['--']:
    args = args[1:]
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        if cwd:
            os.chdir(cwd)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.execvp(args[0], args)
    finally:
        os._exit(127)

timed_out = False


def kill_child(_signum, _frame):
    # wait4 below is retried after this handler returns (PEP 475) and then reaps the killed child.
    global timed_out
    timed_out = True
    os.kill(pid, signal.SIGKILL)


if timeout:
    signal.signal(signal.SIGALRM, kill_child)
    signal.setitimer(signal.ITIMER_REAL, timeout)
_, status, usage = os.wait4(pid, 0)
wall = (time.perf_counter() - started) * 1000
signal.setitimer(signal.ITIMER_REAL, 0)
print(json.dumps({
    'wall_ms': round(wall, 1),
    'cpu_ms': round((usage.ru_utime + usage.ru_stime) * 1000, 1),
    # Linux reports ru_maxrss in kilobytes.
    'max_rss_mb': round(usage.ru_maxrss / 1024, 1),
    'status': os.waitstatus_to_exitcode(status),
    'timed_out': timed_out,
}))

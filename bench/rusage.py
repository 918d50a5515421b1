"""Runs a command once and prints its wall time and CPU time (user + system, its children included) in ms.

Node cannot read a finished child's CPU time; wait4 can. The timing happens here, after this
interpreter has started, so its own start-up is in neither figure. Usage:
    python3 bench/rusage.py [--cwd DIR] -- CMD ARGS...   ->  {"wall_ms": …, "cpu_ms": …, "status": …}
"""
import json
import os
import sys
import time

args = sys.argv[1:]
cwd = None
if args[:1] == ['--cwd']:
    cwd, args = args[1], args[2:]
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
_, status, usage = os.wait4(pid, 0)
wall = (time.perf_counter() - started) * 1000
print(json.dumps({
    'wall_ms': round(wall, 1),
    'cpu_ms': round((usage.ru_utime + usage.ru_stime) * 1000, 1),
    'status': os.waitstatus_to_exitcode(status),
}))

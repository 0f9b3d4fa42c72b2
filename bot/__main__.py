"""`python -m bot`: Ctrl-C is quiet, and exits 130 (or 0 once the work is done), at any moment.

CPython remembers a KeyboardInterrupt that passed through code a C extension ran during an import
(`_Py_UnhandledKeyboardInterrupt`), even when it was caught later, and then ends the process by
SIGINT at exit; leaving through `os._exit` keeps the exit code chosen here.
"""

import contextlib
import os
import signal
import sys

INTERRUPTED = 130  # bot.exits.ExitCode.INTERRUPTED, which may not be imported yet

try:
    from bot.frontends.cli import main

    code = main()
    # The work is done: a Ctrl-C while Python tears down (when it has put back the default handler,
    # which would end the process by SIGINT) changes nothing, so it is ignored.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
except KeyboardInterrupt:
    code = INTERRUPTED
if code == INTERRUPTED:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
raise SystemExit(code)

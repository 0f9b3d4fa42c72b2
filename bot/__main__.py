"""`python -m bot`: Ctrl-C is quiet, and exits 130, even while the command line is imported.

CPython remembers a KeyboardInterrupt that passed through code a C extension ran during an import
(`_Py_UnhandledKeyboardInterrupt`), even when it was caught later, and then ends the process by
SIGINT at exit; leaving through `os._exit` keeps the exit code chosen here.
"""

import contextlib
import os
import sys

INTERRUPTED = 130  # bot.exits.ExitCode.INTERRUPTED, which may not be imported yet

try:
    from bot.frontends.cli import main

    code = main()
except KeyboardInterrupt:
    code = INTERRUPTED
if code == INTERRUPTED:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
raise SystemExit(code)

"""Exit codes of `python -m bot`, one per kind of failure an operator acts on differently."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FAILED = 1  # anything else (the message says what)
    CONFIGURATION = 2  # a setting, the seeds or the model: fix the configuration
    PERMISSION = 3  # a folder or file the bot may not write or read: fix its permissions
    NETWORK = 4  # Discord could not be reached: check the network or the URLs
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as a shell reports it)
    BROKEN_PIPE = 141  # the reader of the output went away (128 + SIGPIPE)


# Errors of the local machine, not of the network, though Python makes them OSErrors too: the
# Discord runner lets these through for the command line to word (see bot/frontends/cli.py).
LOCAL_ERRORS: tuple[type[OSError], ...] = (PermissionError, FileNotFoundError, IsADirectoryError,
                                           NotADirectoryError)

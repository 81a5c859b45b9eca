"""Exit codes and the error a command raises for bad input."""

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_BAD_INPUT = 2


class CliError(Exception):
    """Bad input on the command line; ``str(error)`` is the one-line message."""

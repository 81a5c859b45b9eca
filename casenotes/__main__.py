"""Run casenotes with ``python -m casenotes``."""

import sys

from casenotes.cli import main

if __name__ == "__main__":
    sys.exit(main())

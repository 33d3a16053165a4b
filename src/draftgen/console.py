"""The ``draftgen`` console script: Ctrl-C while Python is still importing draftgen exits quietly too."""

from __future__ import annotations

import sys


def main() -> None:
    """Import the command line and run it; an interrupt during the imports is exit 130, no traceback."""
    try:
        from draftgen.cli import main as cli_main
    except KeyboardInterrupt:
        sys.stderr.write("Đã dừng theo yêu cầu (Ctrl-C).\n")
        sys.exit(130)
    cli_main()


if __name__ == "__main__":
    main()

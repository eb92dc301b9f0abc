"""``python -m clubapp.cli``: the same as the ``clubapp`` command."""

from __future__ import annotations

import sys

from clubapp.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""Qt only: windows, pages, widgets. Nothing here builds queries; it calls services."""

import sys

if sys.version_info < (3, 12):  # pragma: no branch
    import ctypes

    # shiboken6 6.12.0 drops one reference to None on each call from Qt into a Python
    # override (every paintEvent of our own widgets, for example). On Python 3.11 the
    # count eventually reaches zero and the interpreter aborts with "none_dealloc";
    # Python 3.12 and newer made None immortal, so the bug is harmless there. We give
    # None the same immortality here: the count starts so high it cannot run out.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40

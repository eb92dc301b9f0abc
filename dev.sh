#!/usr/bin/env bash
# Set up and run clubapp from this folder on Debian or Ubuntu.
#   ./dev.sh demo    install what is missing, then open the app on the demo club
#   ./dev.sh test    install what is missing, then run every check and test
set -euo pipefail
cd "$(dirname "$0")"

VENV=${CLUBAPP_VENV:-.venv}
# Qt needs these even offscreen; pdftoppm (poppler-utils) turns printouts into pictures.
SYSTEM_PACKAGES=(python3 python3-venv libegl1 libgl1 libxkbcommon0 libfontconfig1
                 libdbus-1-3 libglib2.0-0 poppler-utils)
# A real screen (X11) needs these as well.
SCREEN_PACKAGES=(libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
                 libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0)

say() { printf '\n==> %s\n' "$*"; }

install_system_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null; then
        echo "Please install these system packages: ${missing[*]}" >&2
        return 0
    fi
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    say "Installing system packages: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" </dev/null
}

python_ok() {
    "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))' 2>/dev/null
}

set_up_python() {
    if [ ! -x "$VENV/bin/python" ]; then
        local py=python3
        python_ok "$py" || { install_system_packages python3 python3-venv; }
        python_ok "$py" || { echo "clubapp needs Python 3.10 or newer with venv." >&2; exit 1; }
        say "Making a virtual environment in $VENV"
        "$py" -m venv "$VENV"
    fi
    if [ ! -f "$VENV/.clubapp-installed" ] || [ pyproject.toml -nt "$VENV/.clubapp-installed" ]; then
        say "Installing clubapp and what it needs"
        "$VENV/bin/python" -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
        "$VENV/bin/python" -m pip install -q -e ".[test]" 2>&1 | grep -v "^WARNING: Location" || true
        "$VENV/bin/python" -c "import clubapp, PySide6, sqlalchemy, reportlab, pytest" \
            || { echo "Installing clubapp's Python packages failed." >&2; exit 1; }
        touch "$VENV/.clubapp-installed"
    fi
}

case "${1:-}" in
    demo)
        install_system_packages "${SYSTEM_PACKAGES[@]}" "${SCREEN_PACKAGES[@]}"
        set_up_python
        demo_db="${CLUBAPP_DEMO_DB:-$HOME/.local/share/clubapp/demo.sqlite3}"
        mkdir -p "$(dirname "$demo_db")"
        if [ ! -s "$demo_db" ]; then
            "$VENV/bin/clubapp" --db "$demo_db" demo
        else
            say "Opening the demo club in $demo_db (delete it for a fresh one)"
        fi
        exec "$VENV/bin/clubapp" --db "$demo_db"
        ;;
    test)
        install_system_packages "${SYSTEM_PACKAGES[@]}"
        set_up_python
        export QT_QPA_PLATFORM=offscreen
        say "ruff (lint and format)"
        "$VENV/bin/ruff" check clubapp tests alembic
        "$VENV/bin/ruff" format --check clubapp tests
        say "mypy"
        "$VENV/bin/mypy"
        say "pytest"
        exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider "${@:2}"
        ;;
    *)
        echo "Usage: ./dev.sh demo   (open the app on the demo club)" >&2
        echo "       ./dev.sh test   (run every check and test)" >&2
        exit 2
        ;;
esac

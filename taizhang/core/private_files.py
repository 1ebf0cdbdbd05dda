"""Files that hold personal data or secrets (the secret key, the SQLite database, backups, uploads) are readable by
the server's own account only. No Django imports: settings uses this before Django is set up."""

import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077


def restrict_umask() -> None:
    """Everything the process creates from now on is owner-only (0600 files, 0700 folders). Called by the
    `taizhang` command and the WSGI application, so migrate, backup, imports and uploads all inherit it."""
    os.umask(PRIVATE_UMASK)


def make_private(path: Path) -> None:
    """Take group and other permissions away from a file or folder this account owns (an existing installation's
    database or var/ folder, created before this rule)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    if st.st_uid == os.getuid() and st.st_mode & 0o077:
        os.chmod(path, stat.S_IMODE(st.st_mode) & 0o700)


def private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    make_private(path)
    return path


def write_private(path: Path, text: str) -> None:
    """Create `path` with mode 0600 from the start (never readable by others, not even for a moment)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)

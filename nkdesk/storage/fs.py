"""Is the database folder on a network file system? And a single-writer lock for when it is.

SQLite's WAL mode needs shared memory that network file systems do not provide, and their locks
are unreliable (https://www.sqlite.org/wal.html, "WAL does not work over a network filesystem";
https://www.sqlite.org/useovernet.html). Hospital profiles are often redirected to a share, so
opening checks the folder's file-system type: on Linux from /proc/self/mounts (longest mount point
that contains the folder), on Windows from the path (UNC) and GetDriveTypeW. Unknown means local.
On a network folder the database uses a rollback journal with SQLite's exclusive locking mode plus
a lock file naming the workstation that writes, so a second workstation is refused with a message
saying who holds it, instead of both writing and corrupting the file.
"""
from __future__ import annotations

import getpass
import json
import os
import socket
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

NETWORK_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda", "ceph", "glusterfs",
    "lustre", "gpfs", "davfs", "fuse.davfs2", "fuse.sshfs", "sshfs", "fuse.glusterfs", "fuse.cephfs",
    "fuse.s3fs", "fuse.rclone", "fuse.smbnetfs", "9p",  # 9p: WSL2's view of Windows drives, same limits
})


def _unescape(field: str) -> str:
    """/proc/mounts writes spaces and tabs in mount points as octal escapes (\\040)."""
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def filesystem_type(path: Path, mounts_text: str | None = None) -> str | None:
    """The file-system type holding `path` ("ext4", "nfs4", "smb", …), or None if unknown."""
    path = Path(path)
    if sys.platform == "win32":
        return _windows_type(path)
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    target = os.path.realpath(path)
    best, best_type = "", None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point, fs_type = _unescape(parts[1]), parts[2]
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) >= len(best):
            best, best_type = mount_point, fs_type
    return best_type


def _windows_type(path: Path) -> str | None:
    text = str(path.absolute())
    if text.startswith("\\\\"):
        return "smb"
    if sys.platform == "win32":  # ctypes.windll exists only there (the type checker reads this too)
        try:
            import ctypes

            drive = os.path.splitdrive(text)[0] + "\\"
            DRIVE_REMOTE = 4
            return "smb" if ctypes.windll.kernel32.GetDriveTypeW(drive) == DRIVE_REMOTE else "ntfs"
        except Exception:  # an odd path: treat as local
            return None
    return None


def is_network(path: Path) -> bool:
    fs_type = filesystem_type(path)
    return fs_type is not None and fs_type.lower() in NETWORK_TYPES


class WriterLock:
    """A lock file beside the database: one writing workstation at a time on a network folder."""

    def __init__(self, db_path: Path):
        self.path = Path(str(db_path) + ".writer-lock")
        self.held = False

    def acquire(self) -> None:
        from nkdesk.storage.errors import DatabaseBusy

        me = {"host": socket.gethostname(), "pid": os.getpid(), "user": getpass.getuser(),
              "since": datetime.now(UTC).isoformat(timespec="seconds")}
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = self._holder()
                if holder and holder.get("host") == me["host"] and not _alive(holder.get("pid")):
                    self.path.unlink(missing_ok=True)  # our own workstation's crashed run: stale
                    continue
                who = (f"{holder.get('user')} on {holder.get('host')} since {holder.get('since')}"
                       if holder else "another workstation")
                raise DatabaseBusy(
                    f"{self.path.parent} is a network folder, where only one workstation may write at a time, "
                    f"and the database is open for writing by {who}", path=self.path,
                    hint=f"Close NKDesk there; if it is not running there, delete {self.path}") from None
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(me, handle)
            self.held = True
            return

    def release(self) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False

    def _holder(self) -> dict[str, Any] | None:
        try:
            holder: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
            return holder
        except (OSError, ValueError):
            return None


def _alive(pid: object) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process there: assume alive
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but not ours (PermissionError), or no signals on this OS
        return True
    return True

"""Files kept under PRIVATE_STORAGE_ROOT: published report packs and their drafts (packs),
and the evidence documents attached to actions' progress updates (recommendations).

Never under STATIC_ROOT or any URL the web server serves: every download goes through a view
that checks who is asking. A published file is named by its SHA-256 and written once: the same
name always holds the same bytes, and an existing file is never replaced.
"""

import hashlib
import os
from pathlib import Path

from django.conf import settings


class StorageError(Exception):
    """A stored file is missing or is not what its name says."""


def root() -> Path:
    return Path(settings.PRIVATE_STORAGE_ROOT)


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def store(content: bytes, *, folder: str, suffix: str = ".pdf") -> tuple[str, str]:
    """Write the bytes under their SHA-256 and return (sha256, name relative to the root).

    Written to a temporary file and then linked into place, which fails if the name exists:
    an existing file is never overwritten. If it exists it must hold these very bytes (it was
    named after them), which is checked.
    """
    digest = sha256_of(content)
    name = f"{folder}/{digest[:2]}/{digest}{suffix}"
    path = root() / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        _check(path, digest)
        return digest, name
    temporary = path.with_name(f".{digest}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.chmod(temporary, 0o444)
        os.link(temporary, path)
    except FileExistsError:
        # Someone stored the same bytes at the same moment.
        _check(path, digest)
    finally:
        temporary.unlink()
    return digest, name


def read(name: str, *, sha256: str | None = None) -> bytes:
    """The stored bytes; with `sha256`, checked against it first."""
    path = _path(name)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise StorageError(f"The stored file {name} is missing") from None
    if sha256 is not None and sha256_of(content) != sha256:
        raise StorageError(f"The stored file {name} does not match its SHA-256")
    return content


def delete(name: str) -> None:
    """Remove a stored draft (published packs and evidence are never removed)."""
    _path(name).unlink(missing_ok=True)


def _path(name: str) -> Path:
    path = (root() / name).resolve()
    if not name or path.is_dir() or not path.is_relative_to(root().resolve()):
        raise StorageError(f"{name!r} is not a stored file's name")
    return path


def _check(path: Path, digest: str) -> None:
    if sha256_of(path.read_bytes()) != digest:
        raise StorageError(f"{path} exists and does not match its SHA-256: it was changed")

"""The test run's temporary folder, which the pytest-xdist workers share, and a lock on a file in it: what one
worker makes there once (the migrated database, a dataset's recording) the others read instead of making it."""

import fcntl
import os
from contextlib import contextmanager


def shared_folder(tmp_path_factory):
    """The run's temporary folder, shared by the pytest-xdist workers (each has a folder of its own inside it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def locked(path):
    """Held by one process at a time: the others wait until it is released."""
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def write_whole(path, data):
    """Write `data` to `path` so that whoever sees the file sees it whole."""
    partial = path.with_name(f"{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)

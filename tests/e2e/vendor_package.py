"""Vendor one file of an npm package: download its tarball from the registry, check it against the integrity the
registry publishes (`dist.integrity`, pinned by the caller), and write the file out of it.

    python tests/e2e/vendor_package.py URL INTEGRITY MEMBER DESTINATION

`make` runs it (the Makefile pins axe-core); the browser tests only read what it wrote, never the network. A
tarball that does not match is refused before anything is unpacked, and the destination appears whole or not
at all.
"""

import base64
import hashlib
import io
import os
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

DOWNLOAD_TIMEOUT_SECONDS = 60


def verified(tarball, integrity):
    """The tarball if its digest is the Subresource Integrity value `integrity` ("sha512-<base64>")."""
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, tarball).digest()).decode()
    if actual != expected:
        raise SystemExit(f"The download does not match {integrity} (it is {algorithm}-{actual}): refused.")
    return tarball


def member_of(tarball, member):
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        return archive.extractfile(archive.getmember(member)).read()


def write_whole(destination, content):
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=destination.parent, delete=False) as temporary:
        temporary.write(content)
    # Readable as any checked-out file is (a temporary file is its owner's only).
    os.chmod(temporary.name, 0o644)
    os.replace(temporary.name, destination)


def main(url, integrity, member, destination):
    with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response:
        tarball = verified(response.read(), integrity)
    write_whole(Path(destination), member_of(tarball, member))


if __name__ == "__main__":
    main(*sys.argv[1:])

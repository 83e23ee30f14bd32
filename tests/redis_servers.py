"""Redis for the tests of the shared cache: the server CI starts (REDIS_URL), a server of a test's own that it
stops and starts again (Debian's redis-server on a free port), and an address nothing listens on."""

import os
import shutil
import socket
import subprocess
import time

import redis

START_SECONDS = 10


def redis_url():
    return os.environ.get("REDIS_URL", "").strip()


def answers(url):
    try:
        return redis.Redis.from_url(url, socket_timeout=2).ping()
    except redis.RedisError:
        return False


def delete_keys(url, prefix):
    client = redis.Redis.from_url(url, socket_timeout=2)
    keys = list(client.scan_iter(match=f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def closed_port_url():
    """A Redis address where nothing listens: every connection is refused."""
    return f"redis://127.0.0.1:{free_port()}/0"


def can_start_servers():
    return shutil.which("redis-server") is not None


class RedisServer:
    """redis-server on a free port of 127.0.0.1, keeping nothing on disk; `stop()` and `start()` it mid-test."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        options = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(["redis-server", *options], stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + START_SECONDS
        while not answers(self.url):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=START_SECONDS)

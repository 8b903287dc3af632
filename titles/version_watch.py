"""The content version without a database round trip, on PostgreSQL.

Every public answer (page, 304, API) starts from ``ContentVersion``. Reading that one row
is cheap, but it is still a round trip to the database: at the HTTP floor's rates it is
most of what a 304 costs. So each process keeps the version in memory and learns of a new
one from PostgreSQL itself: a trigger on the version row calls ``pg_notify`` (migration
0021), which PostgreSQL delivers when the changing transaction commits, never for one that
rolls back. A daemon thread holds its own connection, ``LISTEN``s, and re-reads the row on
each notification.

Correctness never depends on the thread: until it has listened and read the row, or after
its connection is lost, ``current()`` returns ``None`` and the caller reads the row itself.
The thread is started lazily in each process (after a server forks its workers), and only
when ``settings.CONTENT_VERSION_LISTEN`` is on: tests turn it off, because a test's
transaction never commits and so never notifies.
"""

import logging
import os
import select
import threading

from django.conf import settings
from django.db import connections

CHANNEL = "titles_content_version"
APPLICATION = "yrkesroller content version"
READ = "SELECT number, changed_at FROM titles_contentversion WHERE id = 1"
RETRY_SECONDS = 5
WAIT_SECONDS = 30

log = logging.getLogger(__name__)


class Watcher:
    """One listening connection and the newest version it has read."""

    def __init__(self, alias="default"):
        self.alias = alias
        self.version = None
        self.stopping = threading.Event()
        # Written to by stop(), so the thread wakes from select() at once.
        self._wake_read, self._wake_write = os.pipe()
        self.thread = threading.Thread(target=self._run, name="content-version", daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.stopping.set()
        os.write(self._wake_write, b"x")
        self.thread.join(timeout=WAIT_SECONDS + 1)
        os.close(self._wake_read)
        os.close(self._wake_write)

    def _connect(self):
        import psycopg2
        from psycopg2.extensions import ISOLATION_LEVEL_AUTOCOMMIT

        wrapper = connections[self.alias]
        params = {**wrapper.get_connection_params(), "application_name": APPLICATION}
        connection = psycopg2.connect(**params)
        connection.set_isolation_level(ISOLATION_LEVEL_AUTOCOMMIT)
        return connection

    def _read(self, cursor):
        cursor.execute(READ)
        row = cursor.fetchone()
        self.version = tuple(row) if row else (0, None)

    def _listen(self, connection):
        cursor = connection.cursor()
        # LISTEN before the first read, so a change between the two is not missed.
        cursor.execute(f"LISTEN {CHANNEL}")
        self._read(cursor)
        while not self.stopping.is_set():
            ready, _, _ = select.select([connection, self._wake_read], [], [], WAIT_SECONDS)
            if not ready:
                # Quiet: make sure the connection still answers, and re-read to be safe.
                self._read(cursor)
                continue
            connection.poll()
            if connection.notifies:
                connection.notifies.clear()
                self._read(cursor)

    def _run(self):
        while not self.stopping.is_set():
            connection = None
            try:
                connection = self._connect()
                self._listen(connection)
            except Exception:
                log.warning("content version listener lost its connection", exc_info=True)
            finally:
                self.version = None
                if connection is not None:
                    connection.close()
            self.stopping.wait(RETRY_SECONDS)
        log.debug("content version listener stopped")


_watcher = None
_pid = None
_lock = threading.Lock()


def current():
    """(number, changed_at) as last notified, or ``None`` when the caller must ask the
    database: listening is off, not on PostgreSQL, or not (yet, any more) connected."""
    if not getattr(settings, "CONTENT_VERSION_LISTEN", False):
        return None
    if connections["default"].vendor != "postgresql":
        return None
    return _running().version


def _running():
    global _watcher, _pid
    if _pid != os.getpid():
        with _lock:
            if _pid != os.getpid():
                # A forked worker does not inherit the parent's thread: start its own.
                _watcher = Watcher().start()
                _pid = os.getpid()
    return _watcher


def stop():
    """Stop this process's listener (tests; a server simply exits)."""
    global _watcher, _pid
    with _lock:
        if _watcher is not None and _pid == os.getpid():
            _watcher.stop()
        _watcher = _pid = None

"""The server's build workers: one long-lived process per core, so a burst of requests queues
rather than exhausting memory, each request's work is stopped at its time limit, and a worker
stays warm (imports, icons, dictionaries) between requests.

A worker runs in its own process group with its temporary files in the request's folder, so
stopping it stops LibreOffice too and removing the folder leaves nothing behind.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import sys
import tempfile
import traceback
from collections.abc import AsyncIterator

from ..errors import ContentError, LessonpackError
from . import tasks


class TimeLimit(Exception):
    """Raised when a request's work runs past the server's time limit (the worker is stopped)."""


def _serve(connection) -> None:
    """A worker's life: take a task, send its progress and its outcome, repeat."""
    os.setsid()                        # its own process group: stopping it stops what it started
    while True:
        try:
            task = connection.recv()
        except EOFError:
            return
        os.environ["TMPDIR"] = tempfile.tempdir = str(task.folder)    # LibreOffice's profile, too
        try:
            if task.kind == "build":
                outcome = ("done", tasks.build(task, lambda stage, done, of: connection.send(("progress", (stage, done, of)))))
            else:
                outcome = ("done", tasks.preview(task))
        except ContentError as e:
            outcome = ("problems", e.problems)
        except LessonpackError as e:
            outcome = ("failed", e.lines())
        except Exception:                          # a bug: logged for the server's operator, never shown
            traceback.print_exc(file=sys.stderr)
            outcome = ("failed", ["lessonpack could not make this pack; the server's log says why"])
        connection.send(outcome)


class _Worker:
    def __init__(self, context):
        self.connection, theirs = context.Pipe()
        self.process = context.Process(target=_serve, args=(theirs,), daemon=True)
        self.process.start()
        theirs.close()

    def stop(self) -> None:
        """Stop the worker and everything it started, now."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            self.process.kill()
        self.process.join(5)
        self.connection.close()


class Workers:
    """A fixed number of worker processes; `run` waits for a free one."""

    def __init__(self, size: int, time_limit: float):
        self.size, self.time_limit = size, time_limit
        self._context = multiprocessing.get_context("spawn")     # a clean process, whatever the server's threads
        self._idle: asyncio.Queue | None = None
        self.busy = 0

    def start(self) -> None:
        self._idle = asyncio.Queue()
        for _ in range(self.size):
            self._idle.put_nowait(_Worker(self._context))

    def close(self) -> None:
        while self._idle and not self._idle.empty():
            self._idle.get_nowait().stop()

    async def run(self, task: tasks.Task) -> AsyncIterator[tuple[str, object]]:
        """Yield ("progress", (stage, done, of)) as *task* goes, then its outcome: ("done",
        result), ("problems", [Problem]) or ("failed", [line]); raise TimeLimit after the
        time limit. A worker left mid-task (time limit, or the client gone) is replaced."""
        worker = await self._idle.get()
        self.busy += 1
        finished = False
        try:
            worker.connection.send(task)
            deadline = asyncio.get_running_loop().time() + self.time_limit
            while True:
                left = deadline - asyncio.get_running_loop().time()
                if left <= 0 or not await asyncio.to_thread(worker.connection.poll, left):
                    raise TimeLimit(f"making the pack took longer than the server's limit of {self.time_limit:g} s")
                kind, payload = worker.connection.recv()
                finished = kind != "progress"
                yield kind, payload
                if finished:
                    return
        finally:
            self.busy -= 1
            if not finished:
                worker.stop()
                worker = _Worker(self._context)
            self._idle.put_nowait(worker)

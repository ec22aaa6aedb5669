"""Data that takes seconds to build (the demo season, the seed evaluation at each step of its
report), built once per test process and shared by the tests that ask for it, every test still
in a database of its own.

A *layer* is a fixture declared with :func:`layer`: a function that builds on its parent layer's
value and returns its own. The first test that asks for a layer builds it, with its ancestors,
each in a transaction (a savepoint on top of the one below) that stays open; the test itself runs
in a savepoint of its own on top (pytest-django's ``db``), rolled back after it as usual. The
next test that asks for the same layer finds it built; one that asks for another layer makes the
stack roll back to their common ancestor and build the rest; one that uses the database but no
layer rolls the whole stack back first, so it meets the empty database it always did. Tests are
ordered (``order_key``) so that the tests of a layer follow each other.

Files written while a layer is built stay in the stack's media folder (every layered test reads
and writes there); what a test writes is removed after it, and what a layer wrote when it is
rolled back."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.test import TestCase, override_settings

TEST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The fixtures through which a test reaches the database (pytest-django's).
DB_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "_django_db_helper",
    }
)


def settings_for_tests(media: Path) -> dict[str, object]:
    """The settings every test runs with (tests/conftest.py applies them to each test, the
    stack to each layer it builds)."""
    return {
        "PASSWORD_HASHERS": TEST_HASHERS,
        "MEDIA_ROOT": media,
        # Production serves collected, hashed files (collectstatic); tests read the sources.
        "STORAGES": {
            **django_settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        "WHITENOISE_AUTOREFRESH": True,
        "WHITENOISE_USE_FINDERS": True,
    }


@dataclass(frozen=True)
class Layer:
    name: str
    parent: str | None
    build: Callable[[object], object]  # the parent's value (None for a root) → this value
    fresh: Callable[[object], object]  # the built value → what one test gets
    settings: dict[str, object]  # more settings while it is built
    run_on_commit: bool  # run the on-commit callbacks of the build (as a commit would)
    group: bool  # its tests go to one pytest-xdist worker (building it twice costs more)


LAYERS: dict[str, Layer] = {}


def layer(
    *,
    parent: str | None = None,
    fresh: Callable[[object], object] | None = None,
    run_on_commit: bool = False,
    group: bool = False,
    **overrides: object,
):
    """Declare a layer: ``@layer(parent="written") def in_feedback(seed): ...`` makes a fixture
    ``in_feedback`` whose value is what the function returned for the stack (passed through
    ``fresh`` for each test, e.g. to fetch its model instances anew). With ``group``, a root
    layer's tests run in one pytest-xdist worker, which builds it once."""

    def declare(build: Callable[[object], object]):
        name = build.__name__
        if name in LAYERS:
            raise ValueError(f"two layers named {name}")
        if parent is not None and parent not in LAYERS:
            raise ValueError(f"the parent of {name}, {parent}, is not declared (yet)")
        LAYERS[name] = Layer(
            name=name,
            parent=parent,
            build=build,
            fresh=fresh or (lambda value: value),
            settings=overrides,
            run_on_commit=run_on_commit,
            group=group,
        )

        @pytest.fixture(name=name)
        def fixture(_layer_stack, db, settings):
            settings.MEDIA_ROOT = _layer_stack.media
            before = _files(_layer_stack.media)
            yield LAYERS[name].fresh(_layer_stack.value(name))
            _remove_new(_layer_stack.media, before)

        fixture.__doc__ = build.__doc__
        return fixture

    return declare


def chain_of(names) -> tuple[str, ...]:
    """The layers to build, root first, for a test that asks for ``names`` (every one of them on
    one line of descent)."""
    chains = []
    for name in names:
        chain = []
        while name is not None:
            chain.append(name)
            name = LAYERS[name].parent
        chains.append(tuple(reversed(chain)))
    if not chains:
        return ()
    longest = max(chains, key=len)
    for chain in chains:
        if longest[: len(chain)] != chain:
            raise pytest.UsageError(f"layers on two branches in one test: {chain}, {longest}")
    return longest


def wanted(fixturenames) -> tuple[str, ...]:
    return chain_of([name for name in fixturenames if name in LAYERS])


def uses_db(request) -> bool:
    return bool(DB_FIXTURES.intersection(request.fixturenames)) or (
        request.node.get_closest_marker("django_db") is not None
    )


def _files(folder: Path) -> set[Path]:
    return {path for path in folder.rglob("*") if path.is_file()}


def _remove_new(folder: Path, before: set[Path]) -> None:
    for path in _files(folder) - before:
        path.unlink()


@dataclass
class _Built:
    name: str
    atomic: transaction.Atomic
    value: object
    files: set[Path]  # the media folder's files before it was built


@dataclass
class Stack:
    """The layers built in this process, root first, each in an open transaction."""

    blocker: object  # pytest-django's django_db_blocker
    media: Path
    built: list[_Built] = field(default_factory=list)

    def value(self, name: str) -> object:
        [value] = [b.value for b in self.built if b.name == name]
        return value

    def ensure(self, chain: tuple[str, ...]) -> None:
        # Below the test's own transaction (closed by now) there are the layers' and no other.
        if self.built and (
            not connection.in_atomic_block or len(connection.savepoint_ids) != len(self.built) - 1
        ):
            raise RuntimeError(
                f"the transaction of the layers {[b.name for b in self.built]} was lost: a test "
                "committed or closed the connection (make it transactional: it gets no layer)"
            )
        keep = 0
        while keep < min(len(chain), len(self.built)) and self.built[keep].name == chain[keep]:
            keep += 1
        if keep == len(chain) == len(self.built):
            return
        with self.blocker.unblock():
            while len(self.built) > keep:
                self._roll_back()
            for name in chain[keep:]:
                self._build(LAYERS[name])

    def _build(self, layer: Layer) -> None:
        parent = self.built[-1].value if self.built else None
        files = _files(self.media)
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with (
                override_settings(**{**settings_for_tests(self.media), **layer.settings}),
                # As a commit would: the callbacks the build registered, run at its end.
                TestCase.captureOnCommitCallbacks(execute=True)
                if layer.run_on_commit
                else contextlib.nullcontext(),
            ):
                value = layer.build(parent)
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            _remove_new(self.media, files)
            raise
        self.built.append(_Built(name=layer.name, atomic=atomic, value=value, files=files))

    def _roll_back(self) -> None:
        top = self.built.pop()
        transaction.set_rollback(True)
        top.atomic.__exit__(None, None, None)
        _remove_new(self.media, top.files)

    def close(self) -> None:
        self.ensure(())


def _django_order(item) -> int:
    """pytest-django's order, kept: the tests in a transaction, then those that flush the
    database (transactional), then those without one."""
    marker = item.get_closest_marker("django_db")
    names = set(item.fixturenames)
    if {"transactional_db", "live_server", "django_db_reset_sequences"} & names or (
        marker is not None
        and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    ):
        return 1
    return 0 if marker is not None or "db" in names else 2


def order_key(items):
    """A sort key that keeps pytest-django's order and, within it, brings the tests of one layer
    together, parents before children (each layer is then built once), in the order of their
    modules."""
    first_of_module: dict[str, int] = {}
    for index, item in enumerate(items):
        first_of_module.setdefault(item.nodeid.split("::")[0], index)

    def key(pair):
        index, item = pair
        return (
            _django_order(item),
            wanted(item.fixturenames),
            first_of_module[item.nodeid.split("::")[0]],
            index,
        )

    return key


# pytest-xdist: the controller, which schedules the tests, does not collect them and so does not
# know which layers a test asks for. Each worker writes it down after collecting (every worker
# collects the same tests) in a folder the controller names, for the controller's scheduler.


def write_groups(path: Path, items) -> None:
    groups = {}
    for item in items:
        chain = wanted(item.fixturenames)
        if chain and LAYERS[chain[0]].group:
            groups[item.nodeid] = f"layer-{chain[0]}"
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(groups), encoding="utf-8")
    partial.replace(path)


def read_groups(folder: Path) -> dict[str, str]:
    for path in sorted(folder.glob("*.json")):
        return json.loads(path.read_text(encoding="utf-8"))
    return {}

"""A forked check worker forgets its parent's jedi helper without asking jedi for anything.

Asking jedi for its default environment once that cache has aged (ten minutes into a long run) computes a new one
and drops the cached one: the helper's finalizer then kills the parent's helper and, in the child, waits for ever
for a reader thread that only the parent has. The hook must read the cache as it is."""

from __future__ import annotations

import time
import types

import jedi.api.environment as jedi_environment
import jedi.cache

from sqlascope.analysis.index import jedi_fallback


def test_the_after_fork_hook_reads_jedis_cache_without_computing_it(monkeypatch):
    environment = jedi_environment.get_cached_default_environment()
    helper = getattr(environment, "_subprocess", None)
    computed = []
    aged = types.SimpleNamespace(time=lambda: time.time() + 3600)  # the cache's ten minutes are over
    monkeypatch.setattr(jedi.cache, "time", aged)
    monkeypatch.setattr(jedi_environment, "get_default_environment",
                        lambda: computed.append(1) or environment)
    try:
        jedi_fallback._own_helpers_after_fork()
        assert computed == []
        assert jedi_fallback._cached_default_environments() == [environment]
        assert environment._subprocess is None  # the child starts its own helper on first use
    finally:
        environment._subprocess = helper
        jedi_fallback._PARENTS_HELPERS[:] = [h for h in jedi_fallback._PARENTS_HELPERS if h is not helper]

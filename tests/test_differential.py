"""A fixed seed of generated programs: the analyzer must agree with the runtime, except on listed known gaps.

Each program is run under real SQLAlchemy and checked by the analyzer (see tests/differential/ and
bench/README.md). A disagreement whose class is not in tests/differential/known_gaps.py fails; so does a known
gap that no longer occurs (delete its entry), so the list stays true.
"""

from __future__ import annotations

from collections import Counter

import pytest

from differential.classify import INVALID
from differential.generator import generate
from differential.known_gaps import FOUND_ELSEWHERE, KNOWN_GAPS
from differential.report import class_key, run
from differential.runner import analyze, run_runtime, write_program
from differential.classify import classify

SEED = 20261205
PROGRAMS = 200

#: Features the generator must exercise (issue: every lazy strategy, session style, program shape, read).
REQUIRED_FEATURES = {
    *(f"lazy:{s}" for s in ("select", "joined", "selectin", "subquery", "immediate", "raise", "noload", "dynamic",
                            "write_only")),
    "model:dataclass", "model:bidirectional_back_populates", "model:bidirectional_backref",
    "read:deferred", "read:deferred_group", "read:server_default", "read:python_default",
    "session:Session(engine)", "session:factory()", "session:factory.begin()", "session:scoped_session",
    "session:Session(engine) as s, s.begin()", "session:configure", "session:async", "op:begin_nested",
    "query:select", "query:legacy", "load:multi_entity", "loader:contains_eager", "loader:lazyload",
    "loader_depth:3",
    *(f"op:{op}" for op in ("commit", "rollback", "flush", "setattr_flush", "expire", "expire_names", "expire_all",
                            "refresh", "refresh_names", "merge", "expunge", "expunge_all", "make_transient",
                            "make_transient_to_detached", "close", "delete_commit")),
    *(f"shape:{s}" for s in ("helper_return", "contextmanager", "decorator", "session_class", "base_repository",
                             "generator", "module_level")),
    *(f"read_style:{s}" for s in ("sorted_key", "json_default", "map", "thread", "executor", "container",
                                  "attribute_store", "fstring")),
    "read:repr", "read:dataclass_repr", "read:asdict", "read:property", "read:pydantic", "modules:multi",
}


@pytest.fixture(scope="module")
def differential_run():
    return run(PROGRAMS, SEED, jobs=2, minimise_classes=0)


def test_generated_programs_are_valid_and_mixed(differential_run):
    """The generator's programs run (at most a few discarded) and 30–70 % of them raise a target error."""
    invalid = [r for r in differential_run.results if r.verdict.kind == INVALID]
    assert len(invalid) <= PROGRAMS * 0.03, [(r.program.seed, r.verdict.runtime.outcome.message[:200])
                                             for r in invalid]
    summary = differential_run.summary()
    assert 0.3 <= summary["raising"] / summary["programs"] <= 0.7, summary


def test_generator_covers_the_required_features(differential_run):
    used = Counter(f for r in differential_run.counted for f in r.program.features)
    assert REQUIRED_FEATURES - set(used) == set()


def test_every_disagreement_is_a_known_gap(differential_run):
    unknown = {key: [m.program.seed for m in members][:5] for key, members in differential_run.classes.items()
               if key not in KNOWN_GAPS}
    assert not unknown, "disagreements not in tests/differential/known_gaps.py (class: seeds): " + repr(unknown)


def test_known_gaps_still_occur(differential_run):
    """A gap the analyzer has closed must leave the list (the run at this seed no longer shows it)."""
    seen = {class_key(r.program, r.verdict) for r in differential_run.results if r.verdict.disagrees}
    stale = sorted(set(KNOWN_GAPS) - seen)
    assert not stale, f"known gaps that no longer occur at seed {SEED}; remove them: {stale}"


@pytest.mark.parametrize("seed", sorted(FOUND_ELSEWHERE))
def test_gap_found_elsewhere_still_disagrees(seed, tmp_path):
    """A program another seed's run found, listed with its reason: it must still disagree, or leave the list."""
    program = generate(seed)
    write_program(program, tmp_path)
    verdict = classify(run_runtime(tmp_path), analyze(tmp_path))
    assert verdict.disagrees, f"program {seed} now agrees ({verdict.kind}); remove it from FOUND_ELSEWHERE"

"""Diagnostic rules: one module per code. ``RULES`` is ordered: the first rule that matches an issue owns it."""

from __future__ import annotations

from ..analysis.report.issues import Issue
from .base import Rule
from .sqs001_analysis_cut_short import RULE as SQS001
from .sqs101_expired_detached import RULE as SQS101
from .sqs102_lazy_load_detached import RULE as SQS102
from .sqs103_not_persistent import RULE as SQS103
from .sqs104_merge_discarded import RULE as SQS104
from .sqs105_missing_greenlet import RULE as SQS105
from .sqs106_implicit_reader import RULE as SQS106
from .sqs107_begin_after_autobegin import RULE as SQS107
from .sqs108_outlives_session import RULE as SQS108
from .sqs201_lazy_load_in_loop import RULE as SQS201

#: Most specific first.
RULES: tuple[Rule, ...] = (SQS001, SQS201, SQS106, SQS104, SQS103, SQS107, SQS108, SQS105, SQS101, SQS102)
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
#: every rule code, sorted: what settings may name (config.py checks them against this)
CODES: tuple[str, ...] = tuple(sorted(BY_CODE))


def rule_for(issue: Issue) -> Rule | None:
    for rule in RULES:
        if rule.matches(issue):
            return rule
    return None


__all__ = ["RULES", "BY_CODE", "CODES", "Rule", "rule_for"]

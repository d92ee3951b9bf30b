"""SQS001 analysis-cut-short: a notice that the analysis of a function stopped early.

SQS001 analysis-cut-short: a notice, not a bug. The analysis of a function stopped early, so findings in it
(and in the functions after it, when the file's time budget was spent) may be missing."""

from ..analysis.findings import Fault, Severity
from .base import Rule

RULE = Rule(
    code="SQS001",
    name="analysis-cut-short",
    summary="Analysis of a function stopped early (time budget or nesting depth); its findings may be incomplete.",
    matches=lambda issue: issue.fault is Fault.CUT_SHORT,
    message=lambda issue: f"sqlascope: analysis was cut short ({issue.detail}); findings here may be incomplete",
    default_severity=Severity.INFORMATION,
)

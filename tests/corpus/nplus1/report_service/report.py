"""Text reports over teams and members."""

from __future__ import annotations


def team_line(team) -> str:
    return f"{team.name}: {', '.join(m.name for m in team.members)}"  # expect-warning: SQS201


def team_report(teams) -> list[str]:
    return [team_line(team) for team in teams]


def member_teams(members) -> list[str]:
    return [f"{m.name}@{m.team.name}" for m in members]  # expect-warning: SQS201


def task_count(teams) -> int:
    return sum(len(member.tasks) for team in teams for member in team.members)  # expect-warning: SQS201

"""Scenarios: the query is in one module, the loop in another, the lazy read in a third."""

from __future__ import annotations

from db import make_sessionmaker
from report import member_teams, task_count, team_line, team_report
from repository import all_members, all_teams, first_team, teams_with_members


def scenario_nplus1_helper_in_other_module():
    Session = make_sessionmaker()
    with Session() as session:
        print(team_report(all_teams(session)))


def scenario_ok_helper_in_other_module_eager_query():
    Session = make_sessionmaker()
    with Session() as session:
        print(team_report(teams_with_members(session)))


def scenario_nplus1_loop_here_read_in_other_module():
    Session = make_sessionmaker()
    with Session() as session:
        for team in all_teams(session):
            print(team_line(team))


def scenario_ok_one_row_from_other_module():
    Session = make_sessionmaker()
    with Session() as session:
        for team in first_team(session):
            print(team_line(team))


def scenario_nplus1_many_to_one_in_other_module():
    Session = make_sessionmaker()
    with Session() as session:
        print(member_teams(all_members(session)))


def scenario_nplus1_second_level_in_other_module():
    Session = make_sessionmaker()
    with Session() as session:
        print(task_count(teams_with_members(session)))


def scenario_ok_loaded_earlier_then_reported():
    Session = make_sessionmaker()
    with Session() as session:
        teams = all_teams(session)
        members = all_members(session)
        print(len(members), member_teams(members), [t.name for t in teams])

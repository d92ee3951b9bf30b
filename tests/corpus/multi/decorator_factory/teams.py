from db import KeepLoaded, SessionLocal, using, with_session
from models import Team


@with_session(commit=True)
def rename_team(team_id, name, session):
    team = session.get(Team, team_id)
    team.name = name
    return team


@with_session()
def get_team(team_id, session):
    return session.get(Team, team_id)


@with_session(commit=False)
def roster(team_id, session):
    team = session.get(Team, team_id)
    return [p.nickname for p in team.players]


@using(KeepLoaded)
def touch_team(team_id, session):
    team = session.get(Team, team_id)
    team.name = team.name.upper()
    return team


@using(SessionLocal)
def touch_team_expiring(team_id, session):
    team = session.get(Team, team_id)
    team.name = team.name.upper()
    return team


def nicknames(team):
    return [p.nickname for p in team.players]  # expect: DetachedInstanceError

from models import Team


def load_team(factory, team_id):
    with factory() as session:
        team = session.get(Team, team_id)
        session.commit()
    return team


def member_names(factory, team):
    with factory() as session:
        team = session.merge(team)
        return [p.name for p in team.members]


def member_names_merge_ignored(factory, team):
    with factory() as session:
        session.merge(team)
        return [p.name for p in team.members]  # expect: DetachedInstanceError


def member_names_readded(factory, team):
    with factory() as session:
        session.add(team)
        return [p.name for p in team.members]


def member_names_refreshed(factory, team):
    with factory() as session:
        session.refresh(team)  # expect: InvalidRequestError
        return [p.name for p in team.members]

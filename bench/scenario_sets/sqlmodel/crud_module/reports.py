from models import Hero


def hero_line(hero: Hero) -> str:
    return f"{hero.name} ({hero.secret_name})"  # expect: DetachedInstanceError


def hero_team_line(hero: Hero) -> str:
    team_name = hero.team.name if hero.team else "no team"  # expect: DetachedInstanceError
    return f"{hero.name}: {team_name}"

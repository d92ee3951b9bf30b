from repository import (
    get_employee,
    get_employee_detached,
    get_employee_with_manager,
    get_team_roster,
    get_team_roster_readonly,
    promote,
)
from db import init_db


def scenario_bad_session_scope_returns_expired():
    init_db()
    emp = get_employee(3)
    print(f"{emp.name} ({emp.title})")  # expect: DetachedInstanceError


def scenario_ok_session_scope_expunged_first():
    init_db()
    emp = get_employee_detached(3)
    print(f"{emp.name} ({emp.title})")


def scenario_bad_repr_of_expired_employee():
    init_db()
    emp = get_employee(2)
    print("loaded", repr(emp))


def scenario_ok_tuple_with_manager():
    init_db()
    emp, manager = get_employee_with_manager(3)
    print(f"{emp.name} reports to {manager.name}")


def scenario_bad_managers_manager():
    init_db()
    emp, manager = get_employee_with_manager(3)
    print(f"{emp.name} -> {manager.name} -> {manager.manager.name}")  # expect: DetachedInstanceError


def scenario_bad_roster_from_begin_block():
    init_db()
    team, members = get_team_roster(1)
    print(team.name, len(members))  # expect: DetachedInstanceError


def scenario_ok_roster_readonly_sorted():
    init_db()
    team, members = get_team_roster_readonly(1)
    for m in sorted(members, key=lambda e: e.name):
        print(f"{team.name}: {m.name} / {m.title}")


def scenario_bad_roster_member_teams():
    init_db()
    team, members = get_team_roster_readonly(1)
    print({m.name: [t.name for t in m.teams] for m in members})  # expect: DetachedInstanceError


def scenario_ok_promote_returns_plain_values():
    init_db()
    name, title = promote(3, "Senior Engineer")
    print(name, title)

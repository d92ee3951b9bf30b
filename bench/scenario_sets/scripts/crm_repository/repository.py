from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from db import SessionLocal, session_scope
from models import Employee, Team


def get_employee(emp_id):
    with session_scope() as session:
        return session.get(Employee, emp_id)


def get_employee_detached(emp_id):
    with session_scope() as session:
        emp = session.get(Employee, emp_id)
        session.expunge(emp)
        return emp


def get_employee_with_manager(emp_id):
    with SessionLocal() as session:
        emp = session.get(Employee, emp_id, options=[joinedload(Employee.manager)])
        return emp, emp.manager


def get_team_roster(team_id):
    with SessionLocal.begin() as session:
        team = session.get(Team, team_id)
        return team, list(team.members)


def get_team_roster_readonly(team_id):
    with SessionLocal() as session:
        team = session.scalars(
            select(Team).where(Team.id == team_id).options(selectinload(Team.members))
        ).one()
        return team, team.members


def promote(emp_id, new_title):
    with session_scope() as session:
        emp = session.get(Employee, emp_id)
        emp.title = new_title
        session.flush()
        session.refresh(emp)
        return emp.name, emp.title

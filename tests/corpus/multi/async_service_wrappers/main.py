import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import load_only

from database import provide_database_interface
from engine_ext import connect_database
from queries import read_display_name, read_state_name, rename_and_report
from repository import AgentRepository


async def scenario_bad_rollback_on_except_then_read():
    db = await provide_database_interface()
    async with db.session_context() as session:
        flow_run = await session.get(db.FlowRun, 1)
        try:
            flow_run.name = "hourly"
            await session.commit()
        except IntegrityError:
            await session.rollback()
        print(flow_run.name)  # expect: MissingGreenlet


async def scenario_ok_begin_transaction_then_column_after():
    db = await provide_database_interface()
    async with db.session_context(begin_transaction=True) as session:
        flow_run = await session.get(db.FlowRun, 1)
        flow_run.state_name = "Late"
    print(flow_run.name, flow_run.state_name)


async def scenario_ok_selectin_relationship_after_context():
    db = await provide_database_interface()
    async with db.session_context(begin_transaction=True) as session:
        flow_run = await session.get(db.FlowRun, 1)
    print(flow_run.work_queue.name)


async def scenario_bad_refresh_in_second_session():
    db = await provide_database_interface()
    async with db.session_context() as session:
        flow_run = await session.get(db.FlowRun, 1)
    async with db.session_context() as session:
        await session.refresh(flow_run)  # expect: InvalidRequestError


async def scenario_ok_refresh_in_own_session():
    db = await provide_database_interface()
    async with db.session_context() as session:
        flow_run = await session.get(db.FlowRun, 1)
        await session.refresh(flow_run)
    print(flow_run.name)


async def scenario_bad_load_only_then_other_column():
    db = await provide_database_interface()
    async with db.session_context() as session:
        result = await session.execute(
            sa.select(db.FlowRun).where(db.FlowRun.id == 1).options(load_only(db.FlowRun.id, db.FlowRun.name))
        )
        flow_run = result.scalar_one()
        print(flow_run.state_name)  # expect: MissingGreenlet


async def scenario_ok_load_only_loaded_column():
    db = await provide_database_interface()
    async with db.session_context() as session:
        result = await session.execute(
            sa.select(db.FlowRun).where(db.FlowRun.id == 1).options(load_only(db.FlowRun.id, db.FlowRun.name))
        )
        flow_run = result.scalar_one()
        print(flow_run.name)


async def scenario_bad_joinedload_one_then_lazy_other():
    repo = AgentRepository(await connect_database())
    print(await repo.count_agent_resources("gpu"))


async def scenario_ok_joinedload_then_its_columns():
    repo = AgentRepository(await connect_database())
    print(await repo.list_agent_ids("gpu"))


async def scenario_bad_begin_session_expire_on_commit_then_read():
    repo = AgentRepository(await connect_database())
    print(await repo.describe_after_commit("gpu"))


async def scenario_ok_begin_session_default_then_read():
    repo = AgentRepository(await connect_database())
    print(await repo.describe_after_default_commit("gpu"))


async def scenario_bad_readonly_session_then_lazy():
    repo = AgentRepository(await connect_database())
    print(await repo.count_agents("gpu"))


async def scenario_ok_readonly_session_then_column():
    repo = AgentRepository(await connect_database())
    print(await repo.description("gpu"))


async def scenario_bad_helper_with_session_parameter_load_only():
    db = await provide_database_interface()
    async with db.session_context() as session:
        print(await read_state_name(session, 1))


async def scenario_ok_helper_with_session_parameter_loaded_column():
    db = await provide_database_interface()
    async with db.session_context() as session:
        print(await read_display_name(session, 1))


async def scenario_ok_helper_commits_a_session_that_does_not_expire():
    db = await provide_database_interface()
    async with db.session_context() as session:
        print(await rename_and_report(session, 1, "weekly"))

from conftest import engine_fixture, project_fixture, session_fixture
from repository import complete_all, open_tasks, reload, reload_by_id, reload_merge_ignored, reload_merged


def scenario_bad_test_refreshes_fixture_object_in_test_session():
    engine = engine_fixture()
    project = project_fixture(engine)
    session = session_fixture(engine)
    complete_all(session, project.id)
    project = reload(session, project)
    print([t.done for t in project.tasks])


def scenario_ok_test_merges_fixture_object_before_refresh():
    engine = engine_fixture()
    project = project_fixture(engine)
    session = session_fixture(engine)
    complete_all(session, project.id)
    project = reload_merged(session, project)
    print([t.done for t in project.tasks])


def scenario_bad_merge_result_ignored_then_expire():
    engine = engine_fixture()
    project = project_fixture(engine)
    session = session_fixture(engine)
    reload_merge_ignored(session, project)


def scenario_ok_requery_by_id_in_test_session():
    engine = engine_fixture()
    project = project_fixture(engine)
    session = session_fixture(engine)
    complete_all(session, project.id)
    project = reload_by_id(session, project.id)
    print([t.done for t in project.tasks])


def scenario_ok_detached_fixture_used_in_query_criteria():
    engine = engine_fixture()
    project = project_fixture(engine)
    session = session_fixture(engine)
    print([t.title for t in open_tasks(session, project)])


def scenario_bad_fixture_relationship_not_loaded_by_refresh():
    engine = engine_fixture()
    project = project_fixture(engine)
    print(len(project.tasks))  # expect: DetachedInstanceError

import runpy

from db import make_factory
from services import CachedService, build_service


def scenario_bad_script_main_block_reads_after_close():
    runpy.run_module("report_script", run_name="__main__")


def scenario_ok_script_main_block_loads_inside_session():
    runpy.run_module("summary_script", run_name="__main__")


def scenario_bad_module_level_instances_read_in_function():
    import notebook

    print(notebook.first_task_titles())


def scenario_ok_module_level_instances_column_in_function():
    import notebook

    print(notebook.first_project_name())


def scenario_bad_class_defined_after_first_use():
    project = build_service(make_factory()).load(1)
    print(project.tasks)  # expect: DetachedInstanceError


def scenario_ok_class_defined_after_first_use_column():
    project = build_service(make_factory()).load(1)
    print(project.name)


def scenario_bad_class_made_by_type_call():
    project = CachedService(make_factory()).load(1)
    print(len(project.tasks))  # expect: DetachedInstanceError


def scenario_ok_class_made_by_type_call_column():
    project = CachedService(make_factory()).load(1)
    print(project.id)

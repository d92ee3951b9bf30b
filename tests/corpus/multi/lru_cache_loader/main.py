from db import init_db
from plans import has_feature, load_plan


def plan_summary(code):
    plan = load_plan(code)
    return f"{plan.code}: ${plan.monthly_price}/month"


def scenario_bad_lru_cached_plan_relationship():
    init_db()
    print(plan_summary("team"))
    plan = load_plan("team")
    names = {f.name for f in plan.features}  # expect: DetachedInstanceError
    print(names)


def scenario_ok_lru_cached_plan_loaded_column():
    init_db()
    print(plan_summary("team"))
    print(plan_summary("team"))


def scenario_ok_lru_cached_tuple_of_names():
    init_db()
    print(has_feature("team", "sso"), has_feature("team", "audit-log"))

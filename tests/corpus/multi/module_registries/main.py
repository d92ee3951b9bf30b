from db import init_db
from registry import colors_by_id, colors_of, index_product, recent_colors, recent_slugs, view_product


def scenario_bad_module_list_then_relationship_in_another_function():
    init_db()
    view_product(1)
    print(recent_colors())


def scenario_ok_module_list_then_loaded_column():
    init_db()
    view_product(1)
    print(recent_slugs())


def scenario_bad_module_dict_then_relationship_in_another_function():
    init_db()
    index_product(1)
    print(colors_of("mug"))


def scenario_ok_module_dict_of_ids_then_requery():
    init_db()
    index_product(1)
    print(colors_by_id("mug"))

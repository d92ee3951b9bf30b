from pyramid.config import Configurator

import views


def make_app():
    with Configurator() as config:
        config.include("pyramid_tm")
        config.include("db")
        config.include("services")
        for name in ("rename_then_report", "rename_report_first", "activate_then_list_groups",
                     "preview_username", "preview_memberships", "requery_after_commit",
                     "service_user_groups_after_commit", "service_user_name_before_commit",
                     "service_reloads_a_request_instance"):
            config.add_route(name, "/" + name)
            config.add_view(getattr(views, name), route_name=name)
        return config.make_wsgi_app()

"""Classes bound at module level after their first use, by a decorator, and by a type(...) call."""

REGISTRY = {}


def build_service(factory):
    return LateService(factory)


def register(cls):
    REGISTRY[cls.__name__] = cls
    return cls


@register
class LateService:
    def __init__(self, factory):
        self.factory = factory

    def load(self, project_id):
        from models import Project

        with self.factory() as session:
            return session.get(Project, project_id)


CachedService = type("CachedService", (LateService,), {})

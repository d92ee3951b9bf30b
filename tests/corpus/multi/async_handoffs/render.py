"""Blocking renderers, run in a thread with loop.run_in_executor."""


def render_card(subscriber):
    return f"<li>{subscriber.email}</li>"


def render_topics(subscriber):
    return "".join(f"<li>{t.name}</li>" for t in subscriber.topics)  # expect: MissingGreenlet


def render_topics_detached(subscriber):
    return "".join(f"<li>{t.name}</li>" for t in subscriber.topics)  # expect: DetachedInstanceError

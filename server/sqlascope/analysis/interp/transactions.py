"""Transaction managers (the ``transaction`` package with zope.sqlalchemy): joining sessions, and what a manager's
commit and abort do to the sessions joined to it (``sqla_api.TRANSACTION_ENDINGS``)."""

from __future__ import annotations

from dataclasses import replace

from ..orm import lifecycle
from ..orm.sqla_api import CURRENT_TRANSACTION_MANAGER, TRANSACTION_ENDINGS, SessionEffect
from .values import UNKNOWN, Const, Registry, SessionRef, TransactionManager, members
from .calls import Calls


#: how each effect on a joined session is worded, first on its own, then after another effect
_WORDING = {
    SessionEffect.COMMIT: ("committed the session joined to the transaction manager (expiring every attribute)", ""),
    SessionEffect.CLOSE: ("closed the session joined to the transaction manager", "closed it"),
    SessionEffect.ROLLBACK: ("rolled back the session joined to the transaction manager (expiring every attribute)", ""),
}


def manager_key(value) -> tuple:
    """The manager a value names; anything unknown is the thread's manager (``transaction.manager``)."""
    return value.key if isinstance(value, TransactionManager) else CURRENT_TRANSACTION_MANAGER


class Transactions:
    """Joining sessions to transaction managers, and ending them when a manager commits or aborts."""

    def __init__(self, calls: Calls) -> None:
        self.calls = calls

    def join(self, ev, frame, args, kwargs, node, state):
        """``zope.sqlalchemy.register(session, initial_state, transaction_manager, keep_session)``."""
        target = args[0] if args else kwargs.get("session", UNKNOWN)
        manager = kwargs.get("transaction_manager", args[2] if len(args) > 2 else None)
        keep = kwargs.get("keep_session", args[3] if len(args) > 3 else Const(False))
        joined = (manager_key(manager), bool(keep.value) if isinstance(keep, Const) else False)
        for member in members(target):
            sid = None
            if isinstance(member, SessionRef):
                sid = member.sid
            elif isinstance(member, Registry):
                sid = self.calls.shared_session(ev, frame, member, node, state)
            fact = state.heap.sessions.get(sid) if sid is not None else None
            if fact is not None:
                state.heap.sessions[sid] = replace(fact, joined=fact.joined | {joined})
        return Const(None)

    def end(self, ev, frame, key, verb: str, node, state) -> None:
        """The manager ``key`` commits or aborts: each session joined to it ends as the table says."""
        frame.needs_roots()
        text = ev.text(frame, node)
        for sid, fact in list(state.heap.sessions.items()):
            for joined_key, keep in fact.joined:
                effects = TRANSACTION_ENDINGS.get((verb, keep)) if joined_key == key else None
                if not effects:
                    continue
                wording = " and ".join(_WORDING[e][i > 0] for i, e in enumerate(effects))
                event = ev.event(frame, node, f"`{text}` {wording}", effects[0].value)
                for effect in effects:
                    self.calls.transition(ev, frame, sid, effect, event, node, state)

from db import Session
from models import AuditEvent


def record_event(member_id, kind):
    Session.add(AuditEvent(member_id=member_id, kind=kind))
    Session.commit()


def stage_event(member_id, kind):
    Session.add(AuditEvent(member_id=member_id, kind=kind))
    Session.flush()

from concurrent.futures import ThreadPoolExecutor

from db import Session
from models import Report

pool = ThreadPoolExecutor(max_workers=2)


def render(report):
    return f"{report.title}: {sum(r.value for r in report.rows)}"  # expect: DetachedInstanceError


def render_by_id(report_id):
    session = Session()
    try:
        report = session.get(Report, report_id)
        return render(report)
    finally:
        Session.remove()


def queue_report(report_id):
    session = Session()
    report = session.get(Report, report_id)
    report.status = "running"
    session.commit()
    Session.remove()
    return pool.submit(render, report)


def queue_report_by_id(report_id):
    session = Session()
    report = session.get(Report, report_id)
    report.status = "running"
    session.commit()
    Session.remove()
    return pool.submit(render_by_id, report_id)


def render_while_open(report_id):
    session = Session()
    report = session.get(Report, report_id)
    text = pool.submit(render, report).result()
    Session.remove()
    return text

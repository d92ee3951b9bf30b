from app import create_app
from extensions import db
from models import Forum, Topic, User
from services import AccountActivator, load_user_then_close, topic_for_digest


def scenario_bad_query_first_after_app_context():
    app = create_app()
    with app.app_context():
        forum = Forum.query.filter_by(title="General").first()
    print(len(forum.topics))  # expect: DetachedInstanceError


def scenario_ok_query_first_column_after_app_context():
    app = create_app()
    with app.app_context():
        forum = Forum.query.filter_by(title="General").first()
    print(forum.title)


def scenario_bad_first_or_404_commit_after_app_context():
    app = create_app()
    with app.app_context():
        user = User.query.filter_by(username="ada").first_or_404()
        user.activated = True
        db.session.commit()
    print(user.email)  # expect: DetachedInstanceError


def scenario_ok_first_or_404_commit_read_inside():
    app = create_app()
    with app.app_context():
        user = User.query.filter_by(username="ada").first_or_404()
        user.activated = True
        db.session.commit()
        print(user.email)


def scenario_bad_get_or_404_close_then_lazy():
    app = create_app()
    with app.app_context():
        topic = Topic.query.get_or_404(1)
        db.session.close()
        print(topic.forum.title)  # expect: DetachedInstanceError


def scenario_ok_get_or_404_close_then_joined():
    app = create_app()
    with app.app_context():
        topic = Topic.query.get_or_404(1)
        db.session.close()
        print(topic.owner.username)


def scenario_bad_db_get_or_404_then_remove():
    app = create_app()
    with app.app_context():
        user = db.get_or_404(User, 1)
        user.activated = True
        db.session.commit()
        db.session.remove()
        print(user.username)  # expect: DetachedInstanceError


def scenario_bad_mixin_save_then_remove():
    app = create_app()
    with app.app_context():
        user = User.get_or_404(User.id == 1)
        user.activated = True
        user.save()
        db.session.remove()
        print(user.email)  # expect: DetachedInstanceError


def scenario_ok_mixin_save_session_open():
    app = create_app()
    with app.app_context():
        user = User.get_or_404(User.id == 1)
        user.activated = True
        user.save()
        print(user.email)


def scenario_bad_service_commit_and_remove():
    app = create_app()
    with app.app_context():
        user = AccountActivator().activate("ada")
        print(user.username)  # expect: DetachedInstanceError


def scenario_ok_service_reads_before_remove():
    app = create_app()
    with app.app_context():
        print(AccountActivator().activate_and_report("ada"))


def scenario_bad_scalar_commit_then_remove():
    app = create_app()
    with app.app_context():
        user = db.session.execute(db.select(User).where(User.id == 1)).scalar()
        user.activated = True
        db.session.commit()
        db.session.remove()
        print(user.email)  # expect: DetachedInstanceError


def scenario_ok_scalar_close_without_commit():
    app = create_app()
    with app.app_context():
        user = db.session.execute(db.select(User).where(User.id == 1)).scalar()
        db.session.close()
        print(user.email)


def scenario_bad_project_first_or_404_returned_after_close():
    app = create_app()
    with app.app_context():
        topic = topic_for_digest(1)
        print(topic.title, topic.forum.title)  # expect: DetachedInstanceError


def scenario_ok_project_first_or_404_column_after_close():
    app = create_app()
    with app.app_context():
        topic = topic_for_digest(1)
        print(topic.title)


def scenario_ok_helper_returns_after_close_then_commit_elsewhere():
    app = create_app()
    with app.app_context():
        user = load_user_then_close(1)
        forum = db.session.get(Forum, 1)
        forum.title = "News"
        db.session.commit()
        print(user.email, user.activated)

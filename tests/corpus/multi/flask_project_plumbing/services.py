from extensions import db
from models import Topic, User
from queries import first_or_404


class AccountActivator:
    """A service that finishes its unit of work itself."""

    def activate(self, username):
        user = User.query.filter_by(username=username).first()
        user.activated = True
        db.session.commit()
        db.session.remove()
        return user

    def activate_and_report(self, username):
        user = User.query.filter_by(username=username).first()
        user.activated = True
        db.session.commit()
        email = user.email
        db.session.remove()
        return email


def topic_for_digest(topic_id):
    topic = first_or_404(db.select(Topic).where(Topic.id == topic_id))
    db.session.close()
    return topic


def load_user_then_close(user_id):
    user = db.session.execute(db.select(User).where(User.id == user_id)).scalar()
    db.session.close()
    return user

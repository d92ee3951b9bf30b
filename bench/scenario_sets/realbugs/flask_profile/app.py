from flask import Flask, render_template_string

from extensions import db
from models import Badge, Member
from services import load_member, load_member_with_badges

PROFILE = "{{ member.username }}: {% for b in member.badges %}{{ b.label }} {% endfor %}"

_current_member = {}


def create_app():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    app.config["TESTING"] = True
    db.init_app(app)
    with app.app_context():
        db.create_all()
        db.session.add(Member(id=1, username="ada", badges=[Badge(label="early"), Badge(label="mod")]))
        db.session.commit()

    @app.post("/login/<int:member_id>")
    def login(member_id):
        _current_member["member"] = db.session.get(Member, member_id)  # expect-warning: SQS108
        _current_member["id"] = member_id
        return "ok"

    @app.get("/me")
    def me():
        member = _current_member["member"]
        return render_template_string(PROFILE, member=member)  # expect: DetachedInstanceError (reported at the store: SQS108)

    @app.get("/me-by-id")
    def me_by_id():
        member = db.session.get(Member, _current_member["id"])
        return render_template_string(PROFILE, member=member)

    @app.get("/me-merged")
    def me_merged():
        member = db.session.merge(_current_member["member"], load=False)
        return render_template_string(PROFILE, member=member)

    @app.get("/profile/<int:member_id>")
    def profile(member_id):
        member = db.get_or_404(Member, member_id)
        return render_template_string(PROFILE, member=member)

    @app.get("/card/<int:member_id>")
    def card(member_id):
        member = load_member(member_id)
        return render_template_string(PROFILE, member=member)  # expect: DetachedInstanceError

    @app.get("/card-eager/<int:member_id>")
    def card_eager(member_id):
        member = load_member_with_badges(member_id)
        return render_template_string(PROFILE, member=member)

    @app.post("/rename/<int:member_id>")
    def rename(member_id):
        member = db.session.get(Member, member_id)
        member.username = "ada2"
        db.session.commit()
        return render_template_string(PROFILE, member=member)

    return app

"""A small Flask-SQLAlchemy blog whose sidebar caches the "featured author" in a module global."""
from flask import Flask, jsonify
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import joinedload, selectinload

db = SQLAlchemy()

post_tags = db.Table(
    "post_tags",
    db.Column("post_id", db.Integer, db.ForeignKey("post.id"), primary_key=True),
    db.Column("tag_id", db.Integer, db.ForeignKey("tag.id"), primary_key=True),
)


class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(80), unique=True, nullable=False)
    email = db.Column(db.String(120), unique=True, nullable=False)
    posts = db.relationship("Post", backref="author", lazy=True)

    def __repr__(self):
        return f"<User {self.username}>"


class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(120), nullable=False)
    body = db.Column(db.Text)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    tags = db.relationship("Tag", secondary=post_tags, backref=db.backref("posts", lazy="dynamic"))


class Tag(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(32), unique=True)


_featured_author = None


def get_featured_author():
    global _featured_author
    if _featured_author is None:
        _featured_author = User.query.filter_by(username="miguel").first()  # expect-warning: SQS108
    return _featured_author


def get_featured_author_with_posts():
    global _featured_author
    if _featured_author is None:
        _featured_author = (  # expect-warning: SQS108
            User.query.options(joinedload(User.posts)).filter_by(username="miguel").first()
        )
    return _featured_author


def get_featured_author_fully_loaded():
    global _featured_author
    if _featured_author is None:
        _featured_author = (  # expect-warning: SQS108
            User.query.options(selectinload(User.posts).selectinload(Post.tags))
            .filter_by(username="miguel")
            .first()
        )
    return _featured_author


def create_app():
    global _featured_author
    _featured_author = None
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    app.config["TESTING"] = True
    db.init_app(app)
    with app.app_context():
        db.create_all()
        python = Tag(name="python")
        flask_tag = Tag(name="flask")
        miguel = User(username="miguel", email="miguel@example.com")
        db.session.add(miguel)
        db.session.add(Post(title="Hello", body="first", author=miguel, tags=[python]))
        db.session.add(Post(title="Mega tutorial", body="second", author=miguel, tags=[python, flask_tag]))
        db.session.commit()

    @app.route("/sidebar")
    def sidebar():
        author = get_featured_author()
        return jsonify(name=author.username)

    @app.route("/sidebar/full")
    def sidebar_full():
        author = get_featured_author_with_posts()
        return jsonify(name=author.username, posts=len(author.posts))

    @app.route("/sidebar/deep")
    def sidebar_deep():
        author = get_featured_author_fully_loaded()
        return jsonify(name=author.username, posts=len(author.posts))

    @app.route("/featured/posts")
    def featured_posts():
        author = get_featured_author()
        return jsonify([p.title for p in author.posts])  # expect: DetachedInstanceError (reported at the store: SQS108)

    @app.route("/featured/tags")
    def featured_tags():
        author = get_featured_author()
        names = sorted({t.name for p in author.posts for t in p.tags})  # expect: DetachedInstanceError (reported at the store: SQS108)
        return jsonify(names)

    @app.route("/featured/email")
    def featured_email():
        author = get_featured_author()
        return jsonify(email=author.email)  # expect: DetachedInstanceError (reported at the store: SQS108)

    @app.route("/profile/update", methods=["POST"])
    def update_profile():
        author = get_featured_author()
        author = db.session.merge(author)
        author.email = "grinberg@example.com"
        db.session.commit()
        return jsonify(ok=True)

    @app.route("/profile/touch", methods=["POST"])
    def touch_profile():
        author = get_featured_author()
        fresh = db.session.get(User, author.id)
        fresh.email = "grinberg@example.com"
        db.session.commit()
        return jsonify(ok=True)

    @app.route("/profile/rename", methods=["POST"])
    def rename_featured():
        author = get_featured_author()
        db.session.add(author)
        author.username = "grinberg"
        db.session.commit()
        return jsonify(ok=True)

    return app


def scenario_bad_cached_author_posts_in_second_request():
    app = create_app()
    client = app.test_client()
    client.get("/sidebar")
    client.get("/featured/posts")


def scenario_ok_cached_author_column_in_second_request():
    app = create_app()
    client = app.test_client()
    client.get("/sidebar")
    print(client.get("/sidebar").json)


def scenario_ok_requests_inside_outer_app_context():
    # the requests reuse the app context pushed here, so db.session is never removed between them
    app = create_app()
    with app.app_context():
        client = app.test_client()
        client.get("/sidebar")
        print(client.get("/featured/posts").json)


def scenario_ok_joinedload_posts_then_posts():
    app = create_app()
    client = app.test_client()
    client.get("/sidebar/full")
    print(client.get("/featured/posts").json)


def scenario_bad_joinedload_posts_then_tags():
    app = create_app()
    client = app.test_client()
    client.get("/sidebar/full")
    client.get("/featured/tags")


def scenario_ok_selectinload_chain_then_tags():
    app = create_app()
    client = app.test_client()
    client.get("/sidebar/deep")
    print(client.get("/featured/tags").json)


def scenario_ok_merge_copy_committed_cached_column():
    # merge() commits a copy; the cached instance itself was never in the committing session
    app = create_app()
    client = app.test_client()
    client.get("/sidebar")
    client.post("/profile/update")
    print(client.get("/featured/email").json)


def scenario_bad_readded_cached_author_committed():
    # add() re-attaches the cached instance itself; the commit expires it, teardown detaches it
    app = create_app()
    client = app.test_client()
    client.get("/sidebar")
    client.post("/profile/rename")
    client.get("/featured/email")


def scenario_ok_touch_by_id_then_cached_email():
    app = create_app()
    client = app.test_client()
    client.get("/sidebar")
    client.post("/profile/touch")
    print(client.get("/featured/email").json)

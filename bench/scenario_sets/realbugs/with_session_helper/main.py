from crud import get_user, get_user_with_posts, update_email, update_email_and_report, update_email_no_expire
from database import init_db


def post_titles(user):
    return [p.title for p in user.posts]  # expect: DetachedInstanceError


def scenario_bad_lazy_posts_after_with_block_helper():
    init_db()
    user = get_user(1)
    print(post_titles(user))


def scenario_ok_selectinload_in_helper():
    init_db()
    user = get_user_with_posts(1)
    print(post_titles(user))


def scenario_bad_session_scope_commit_expires_returned_user():
    init_db()
    user = update_email(1, "ann@new.example.com")
    print(user)


def scenario_ok_expire_on_commit_false():
    init_db()
    user = update_email_no_expire(1, "ann@new.example.com")
    print(user)


def scenario_ok_return_plain_dict_from_scope():
    init_db()
    print(update_email_and_report(1, "ann@new.example.com"))

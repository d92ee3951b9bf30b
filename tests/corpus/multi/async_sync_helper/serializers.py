"""Plain (sync) serialization helpers shared by the sync and async code paths."""


def user_to_dict(user):
    return {
        "id": user.id,
        "name": user.name,
        "cities": [a.city for a in user.addresses],  # expect: MissingGreenlet
    }


def user_summary(user):
    return {"id": user.id, "name": user.name, "email": user.email}

from functools import cached_property

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models import Member
from uow import SqlAlchemyUnitOfWork


class HandleTaken(Exception):
    pass


class ProfileService:
    def __init__(self, session_factory, member_id):
        self.session_factory = session_factory
        self.member_id = member_id

    @cached_property
    def member(self):
        with self.session_factory() as session:
            return session.get(Member, self.member_id)

    @property
    def display_name(self):
        return f"@{self.member.handle}"

    @property
    def theme(self):
        return self.member.settings.theme  # expect: DetachedInstanceError

    def rename_all(self, renames):
        """Apply renames one by one, each in a SAVEPOINT; skip the ones that collide."""
        applied, skipped = [], []
        with SqlAlchemyUnitOfWork(self.session_factory) as uow:
            members = {m.id: m for m in uow.session.scalars(select(Member))}
            for member_id, handle in renames:
                member = members[member_id]
                try:
                    with uow.session.begin_nested():
                        member.handle = handle
                except IntegrityError:
                    skipped.append(member)
                else:
                    applied.append(member)
            uow.commit()
        return applied, skipped

    def draft_member(self, handle):
        with SqlAlchemyUnitOfWork(self.session_factory) as uow:
            member = Member(handle=handle, bio="draft")
            uow.session.add(member)
        return member

    def load_without_commit(self, member_id):
        with SqlAlchemyUnitOfWork(self.session_factory) as uow:
            member = uow.session.get(Member, member_id)
            member.bio = member.bio.upper()
        return member

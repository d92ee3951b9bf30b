from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from models import Owner, Pet


class PetRepository:
    def __init__(self, session):
        self.session = session

    async def by_id(self, pet_id):
        return await self.session.get(Pet, pet_id)

    async def by_id_with_owner(self, pet_id):
        stmt = select(Pet).options(joinedload(Pet.owner)).where(Pet.id == pet_id)
        return (await self.session.scalars(stmt)).one()

    async def owner_with_pets(self, owner_id):
        stmt = select(Owner).options(selectinload(Owner.pets)).where(Owner.id == owner_id)
        return (await self.session.scalars(stmt)).one()

    async def add_pet(self, owner_id, name):
        async with self.session.begin():
            pet = Pet(name=name, owner_id=owner_id)
            self.session.add(pet)
        return pet

from models import Owner
from repository import PetRepository


async def pet_label(factory, pet_id):
    async with factory() as session:
        pet = await PetRepository(session).by_id(pet_id)
        return pet.label


async def pet_label_eager(factory, pet_id):
    async with factory() as session:
        pet = await PetRepository(session).by_id_with_owner(pet_id)
        return pet.label


async def pet_names(factory, owner_id):
    async with factory() as session:
        owner = await session.get(Owner, owner_id)
        return [p.name for p in owner.pets]  # expect: MissingGreenlet


async def pet_names_awaited(factory, owner_id):
    async with factory() as session:
        owner = await session.get(Owner, owner_id)
        pets = await owner.awaitable_attrs.pets
        return [p.name for p in pets]


async def adopt(factory, owner_id, name):
    async with factory() as session:
        pet = await PetRepository(session).add_pet(owner_id, name)
        return f"adopted #{pet.id}"  # expect: MissingGreenlet


async def adopt_and_reread(factory, owner_id, name):
    async with factory() as session:
        pet = await PetRepository(session).add_pet(owner_id, name)
        await session.refresh(pet)
        return f"adopted #{pet.id} {pet.name}"


async def owner_pets_after_close(factory, owner_id):
    async with factory() as session:
        owner = await PetRepository(session).owner_with_pets(owner_id)
    return [p.name for p in owner.pets]

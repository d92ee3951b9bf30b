"""Correct versions of async_single/commit_and_rollback.py's bad scenarios (tests/corpus/README.md, "Correct versions")."""

from commit_and_rollback import Product, make_factory


async def correct_column_after_commit_while_open():
    factory = await make_factory()
    async with factory() as session:
        product = await session.get(Product, 1)
        product.stock -= 1
        remaining = product.stock
        await session.commit()
        print(remaining)


async def correct_new_object_id_after_commit():
    factory = await make_factory()
    async with factory() as session:
        product = Product(sku="HD-03", stock=1)
        session.add(product)
        await session.flush()
        new_id = product.id
        await session.commit()
        print("created", new_id)


async def correct_column_after_rollback():
    factory = await make_factory()
    async with factory() as session:
        product = await session.get(Product, 1)
        await session.rollback()
        await session.refresh(product)
        print("kept sku", product.sku)


async def correct_column_after_plain_rollback():
    factory = await make_factory()
    async with factory() as session:
        product = await session.get(Product, 2)
        stock = product.stock
        await session.rollback()
        print(stock)

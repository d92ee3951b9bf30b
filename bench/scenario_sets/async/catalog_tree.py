"""Category tree + products: self-referential adjacency list, eager options, session.get with options, refresh."""
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.ext.asyncio import AsyncAttrs, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, joinedload, mapped_column, relationship, selectinload


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Category(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))
    parent: Mapped["Category | None"] = relationship(back_populates="children", remote_side=[id])
    children: Mapped[list["Category"]] = relationship(back_populates="parent")
    products: Mapped[list["Product"]] = relationship(back_populates="category", lazy="selectin")


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    price_cents: Mapped[int]
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"))
    category: Mapped[Category] = relationship(back_populates="products")


async def init_models():
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    session_factory = async_sessionmaker(engine, class_=AsyncSession)
    async with session_factory() as session:
        root = Category(id=1, name="Electronics")
        phones = Category(id=2, name="Phones", parent=root)
        laptops = Category(id=3, name="Laptops", parent=root)
        phones.products = [Product(title="Pixel", price_cents=59900)]
        laptops.products = [Product(title="ThinkPad", price_cents=129900)]
        session.add_all([root, phones, laptops])
        await session.commit()
    return session_factory


def breadcrumb(category: Category) -> str:
    parts = []
    node = category
    while node is not None:
        parts.append(node.name)
        node = node.parent  # expect: MissingGreenlet
    return " > ".join(reversed(parts))


async def scenario_ok_breadcrumb_parents_already_loaded():
    factory = await init_models()
    async with factory() as session:
        all_categories = (await session.scalars(select(Category))).all()
        by_id = {c.id: c for c in all_categories}
        print(breadcrumb(by_id[2]))


async def scenario_bad_breadcrumb_parent_not_loaded():
    factory = await init_models()
    async with factory() as session:
        phones = await session.get(Category, 2)
        print(breadcrumb(phones))


async def get_category_tree(session: AsyncSession, category_id: int) -> Category:
    return await session.get(Category, category_id, options=[selectinload(Category.children)])


async def scenario_ok_get_with_options_fresh_session():
    factory = await init_models()
    async with factory() as session:
        root = await get_category_tree(session, 1)
        print([c.name for c in root.children])


async def scenario_bad_get_with_options_after_identity_map_hit():
    factory = await init_models()
    async with factory() as session:
        # the root was already loaded earlier in the request (e.g. by a permission check)
        roots = (await session.scalars(select(Category).where(Category.parent_id.is_(None)))).all()
        root = await get_category_tree(session, 1)
        print([c.name for c in root.children])  # expect: MissingGreenlet


async def scenario_ok_select_with_options_after_identity_map_hit():
    factory = await init_models()
    async with factory() as session:
        roots = (await session.scalars(select(Category).where(Category.parent_id.is_(None)))).all()
        stmt = select(Category).where(Category.id == 1).options(selectinload(Category.children))
        root = (await session.scalars(stmt)).one()
        print([c.name for c in root.children])


async def scenario_ok_refresh_without_names_reloads_eager_children():
    factory = await init_models()
    async with factory() as session:
        stmt = select(Category).where(Category.id == 1).options(selectinload(Category.children))
        root = (await session.scalars(stmt)).one()
        root.name = "Consumer electronics"
        await session.commit()
        await session.refresh(root)
        print(root.name, [c.name for c in root.children])


async def scenario_bad_refresh_without_names_drops_awaited_children():
    factory = await init_models()
    async with factory() as session:
        root = await session.get(Category, 1)
        await root.awaitable_attrs.children
        root.name = "Consumer electronics"
        await session.commit()
        await session.refresh(root)
        print(root.name, [c.name for c in root.children])  # expect: MissingGreenlet


async def scenario_ok_refresh_naming_children():
    factory = await init_models()
    async with factory() as session:
        stmt = select(Category).where(Category.id == 1).options(selectinload(Category.children))
        root = (await session.scalars(stmt)).one()
        root.name = "Consumer electronics"
        await session.commit()
        await session.refresh(root, ["name", "children"])
        print(root.name, [c.name for c in root.children])


async def scenario_ok_refresh_reloads_selectin_strategy_collection():
    factory = await init_models()
    async with factory() as session:
        phones = await session.get(Category, 2)
        phones.name = "Smartphones"
        await session.commit()
        await session.refresh(phones)
        print(phones.name, [p.title for p in phones.products])


async def scenario_bad_product_category_joinedload_then_parent():
    factory = await init_models()
    async with factory() as session:
        stmt = select(Product).options(joinedload(Product.category)).order_by(Product.id)
        for product in (await session.scalars(stmt)).all():
            print(product.title, product.category.name, product.category.parent.name)  # expect: MissingGreenlet


async def scenario_ok_product_category_joinedload_chain():
    factory = await init_models()
    async with factory() as session:
        stmt = (
            select(Product)
            .options(joinedload(Product.category).joinedload(Category.parent))
            .order_by(Product.id)
        )
        for product in (await session.scalars(stmt)).all():
            print(product.title, product.category.name, product.category.parent.name)

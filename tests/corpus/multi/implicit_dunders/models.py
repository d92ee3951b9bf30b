from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Sku(Base):
    """Compared and hashed by its code: usable in sets and as a dict key."""

    __tablename__ = "skus"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20))
    warehouse: Mapped[str] = mapped_column(String(20))

    def __eq__(self, other):
        return isinstance(other, Sku) and self.code == other.code  # expect: DetachedInstanceError

    def __hash__(self):
        return hash(self.code)  # expect: DetachedInstanceError


class Shipment(Base):
    __tablename__ = "shipments"

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier: Mapped[str] = mapped_column(String(40))
    parcels: Mapped[list["Parcel"]] = relationship(back_populates="shipment")

    def __str__(self):
        return f"{self.carrier} shipment with {len(self.parcels)} parcels"  # expect: DetachedInstanceError


class Parcel(Base):
    __tablename__ = "parcels"

    id: Mapped[int] = mapped_column(primary_key=True)
    weight_grams: Mapped[int]
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"))
    shipment: Mapped[Shipment] = relationship(back_populates="parcels")

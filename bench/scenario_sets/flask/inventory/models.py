from sqlalchemy import Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import DeclarativeBase, relationship


class Base(DeclarativeBase):
    pass


warehouse_suppliers = Table(
    "warehouse_suppliers",
    Base.metadata,
    Column("warehouse_id", ForeignKey("warehouses.id"), primary_key=True),
    Column("supplier_id", ForeignKey("suppliers.id"), primary_key=True),
)


class Warehouse(Base):
    __tablename__ = "warehouses"
    id = Column(Integer, primary_key=True)
    code = Column(String(10), unique=True)
    city = Column(String(50))
    stock = relationship("StockItem", back_populates="warehouse")
    suppliers = relationship("Supplier", secondary=warehouse_suppliers, back_populates="warehouses")


class Supplier(Base):
    __tablename__ = "suppliers"
    id = Column(Integer, primary_key=True)
    name = Column(String(80))
    warehouses = relationship("Warehouse", secondary=warehouse_suppliers, back_populates="suppliers")


class StockItem(Base):
    __tablename__ = "stock_items"
    id = Column(Integer, primary_key=True)
    sku = Column(String(20))
    quantity = Column(Integer, default=0)
    warehouse_id = Column(Integer, ForeignKey("warehouses.id"))
    warehouse = relationship("Warehouse", back_populates="stock")

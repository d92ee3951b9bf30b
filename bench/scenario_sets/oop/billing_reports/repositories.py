from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from models import Customer, Invoice


class CustomerRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, customer_id):
        return self.session.get(Customer, customer_id)

    def get_with_invoices(self, customer_id):
        stmt = select(Customer).options(selectinload(Customer.invoices)).where(Customer.id == customer_id)
        return self.session.scalars(stmt).one()


class InvoiceRepository:
    def __init__(self, session: Session):
        self.session = session

    def for_customer(self, customer_id):
        stmt = select(Invoice).where(Invoice.customer_id == customer_id).options(joinedload(Invoice.customer))
        return self.session.scalars(stmt).all()

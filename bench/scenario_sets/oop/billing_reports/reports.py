from pydantic import BaseModel, ConfigDict

from repositories import CustomerRepository, InvoiceRepository


class InvoiceLine:
    def __init__(self, invoice):
        self.invoice = invoice  # expect-warning: SQS108

    @property
    def label(self):
        return f"{self.invoice.customer.name} #{self.invoice.id}: {self.invoice.amount}"  # expect: DetachedInstanceError


class InvoiceDTO(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    amount: int

    @classmethod
    def from_invoice(cls, invoice):
        return cls.model_validate(invoice)


class ReportService:
    def __init__(self, session_factory):
        self.session_factory = session_factory

    def customer_with_invoices(self, customer_id):
        with self.session_factory() as session:
            repo = CustomerRepository(session)
            repo.get_with_invoices(customer_id)
            return repo.get(customer_id)

    def customer_with_invoices_kept(self, customer_id):
        with self.session_factory() as session:
            repo = CustomerRepository(session)
            warmed = repo.get_with_invoices(customer_id)
            customer = repo.get(customer_id)
            assert customer is warmed
            return customer

    def invoices_via_customer(self, customer_id):
        with self.session_factory() as session:
            return CustomerRepository(session).get_with_invoices(customer_id).invoices

    def invoices_with_customer(self, customer_id):
        with self.session_factory() as session:
            return InvoiceRepository(session).for_customer(customer_id)

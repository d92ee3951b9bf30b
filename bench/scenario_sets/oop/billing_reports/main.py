from db import make_factory
from reports import InvoiceDTO, InvoiceLine, ReportService


def scenario_bad_identity_map_entry_was_garbage_collected():
    service = ReportService(make_factory())
    customer = service.customer_with_invoices(1)
    print(sum(i.amount for i in customer.invoices))  # expect: DetachedInstanceError


def scenario_ok_identity_map_returns_eagerly_loaded_customer():
    service = ReportService(make_factory())
    customer = service.customer_with_invoices_kept(1)
    print(sum(i.amount for i in customer.invoices))


def scenario_bad_backref_not_populated_by_selectinload():
    service = ReportService(make_factory())
    lines = [InvoiceLine(i) for i in service.invoices_via_customer(1)]
    print(lines[0].label)


def scenario_ok_joinedload_many_to_one_for_labels():
    service = ReportService(make_factory())
    lines = [InvoiceLine(i) for i in service.invoices_with_customer(1)]
    print(lines[0].label)


def scenario_ok_dto_classmethod_columns_only():
    service = ReportService(make_factory())
    print([InvoiceDTO.from_invoice(i) for i in service.invoices_via_customer(1)])

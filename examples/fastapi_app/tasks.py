"""Work done after the response: FastAPI background tasks."""

from __future__ import annotations

from .models import Customer

outbox: list[tuple[str, int]] = []


def email_statement(customer: Customer) -> None:
    total = sum(invoice.amount_cents for invoice in customer.invoices)
    outbox.append((customer.email, total))


def email_welcome(customer: Customer) -> None:
    outbox.append((customer.email, 0))

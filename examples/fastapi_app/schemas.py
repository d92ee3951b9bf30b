"""Response models, filled from ORM objects (`from_attributes`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class InvoiceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    number: str
    amount_cents: int


class CustomerOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str


class CustomerWithInvoices(CustomerOut):
    invoices: list[InvoiceOut]

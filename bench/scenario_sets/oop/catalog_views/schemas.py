from typing import List

from pydantic import BaseModel, ConfigDict


class TagOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    name: str


class ProductSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    title: str
    sale_price: int


class ProductDetail(ProductSummary):
    tags: List[TagOut]

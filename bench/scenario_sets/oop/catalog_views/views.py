from functools import cached_property

from schemas import ProductDetail, ProductSummary


class ProductView:
    def __init__(self, product):
        self._product = product  # expect-warning: SQS108

    def __getattr__(self, name):
        return getattr(self._product, name)  # expect: DetachedInstanceError

    @property
    def price_label(self):
        return f"${self._product.sale_price / 100:.2f}"

    @cached_property
    def tag_line(self):
        return ", ".join(t.name for t in self._product.tags)  # expect: DetachedInstanceError

    def as_summary(self):
        return ProductSummary.model_validate(self._product)

    def as_detail(self):
        return ProductDetail.model_validate(self._product)  # expect: DetachedInstanceError

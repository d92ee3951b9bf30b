"""Process-wide caches of customers, kept across sessions."""

_recent = []
_by_id = {}


def remember(customer):
    _recent.append(customer)  # known-gap: standalone SQS108 on a store whose instances are only read for loaded columns; the store should be a related location of an unsafe read


def remember_by_id(customer):
    _by_id[customer.id] = customer  # known-gap: standalone SQS108 store warning; the unsafe read of this store is already reported at main.py (the store belongs there as a related location)


def recent():
    return list(_recent)


def cached(customer_id):
    return _by_id[customer_id]

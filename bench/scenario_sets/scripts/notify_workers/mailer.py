sent = []


def send_receipt(order):
    body = f"Hi {order.customer.name}, we received {order.reference} ({order.amount})"  # expect: DetachedInstanceError
    sent.append((order.customer.email, body))
    return order.id


def send_status(order):
    sent.append(f"{order.reference} is now {order.status}")  # expect: DetachedInstanceError
    return order.reference

import logging

log = logging.getLogger("shipping")


def describe(shipment):
    return "shipped: {}".format(shipment)


def headline(shipment):
    return f"today: {shipment}"


def log_eagerly(shipment):
    log.warning("shipped: %s" % shipment)


def log_lazily(shipment):
    # logging formats the message when a handler emits it, and reports formatting errors itself
    log.warning("shipped: %s", shipment)

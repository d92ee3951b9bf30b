sent = []


def send_digest(author):
    """Runs as a background task, after the response was sent."""
    sent.append((author.id, [b.title for b in author.books]))  # expect: DetachedInstanceError


def notify_followers(author):
    sent.append((author.id, author.name))  # expect: DetachedInstanceError

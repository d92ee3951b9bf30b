from db import SessionLocal
from models import Event, Signup

mailbox = []


async def send_confirmation(signup: Signup):
    mailbox.append(f"to {signup.email}: see you at {signup.event_id}")  # expect: MissingGreenlet


async def send_confirmation_by_id(signup_id: int):
    async with SessionLocal() as session:
        signup = await session.get(Signup, signup_id)
        event = await session.get(Event, signup.event_id)
        mailbox.append(f"to {signup.email}: see you at {event.name}")


async def send_confirmation_values(email: str, event_name: str):
    mailbox.append(f"to {email}: see you at {event_name}")

from sqlmodel import Session, SQLModel, create_engine

from models import Hero, Sponsor, Team


def make_engine():
    engine = create_engine("sqlite://")
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        team = Team(id=1, name="Preventers", headquarters="Sharp Tower", sponsors=[Sponsor(brand="Acme")])
        session.add(Hero(id=1, name="Deadpond", secret_name="Dive Wilson", team=team))
        session.commit()
    return engine

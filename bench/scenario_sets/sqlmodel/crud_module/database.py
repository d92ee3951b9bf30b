from sqlmodel import Session, SQLModel, create_engine

engine = create_engine("sqlite://")


def init_db():
    from models import Hero, Team

    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        team = Team(name="Preventers", headquarters="Sharp Tower")
        session.add(team)
        session.add(Hero(name="Rusty-Man", secret_name="Tommy Sharp", age=48, team=team))
        session.add(Hero(name="Spider-Boy", secret_name="Pedro Parqueador", team=team))
        session.add(Hero(name="Deadpond", secret_name="Dive Wilson"))
        session.commit()

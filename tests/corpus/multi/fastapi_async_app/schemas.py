from pydantic import BaseModel, ConfigDict


class TitleOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str


class ImprintOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    name: str


class PublisherOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str


class PublisherWithTitles(PublisherOut):
    titles: list[TitleOut]


class PublisherWithImprints(PublisherOut):
    imprints: list[ImprintOut]

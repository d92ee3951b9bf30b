from pydantic import BaseModel, ConfigDict


class ItemOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    text: str


class TodoListOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str


class TodoListWithItems(TodoListOut):
    items: list[ItemOut]

from fastapi import APIRouter, HTTPException

import crud
from database import DbSession, SessionLocal
from schemas import UserIn, UserOut, UserWithItems

router = APIRouter(prefix="/users")


@router.put("/", response_model=UserOut)
def put_user(data: UserIn, db: DbSession):
    return crud.upsert_user(db, data)


@router.put("/fixed", response_model=UserOut)
def put_user_fixed(data: UserIn, db: DbSession):
    return crud.upsert_user_fixed(db, data)


@router.delete("/{user_id}/refreshed", response_model=UserOut)
def delete_user_refreshed(user_id: int, db: DbSession):
    user = crud.get_user(db, user_id)
    if user is None:
        raise HTTPException(404)
    return crud.delete_user(db, user)


@router.delete("/{user_id}", response_model=UserOut)
def delete_user(user_id: int, db: DbSession):
    user = crud.get_user(db, user_id)
    if user is None:
        raise HTTPException(404)
    return crud.delete_user_plain(db, user)


@router.get("/{user_id}/detached", response_model=UserWithItems)
def read_detached(user_id: int, db: DbSession):
    user = crud.detach_user(db, user_id)
    return user  # expect: DetachedInstanceError


@router.get("/{user_id}/detached-columns", response_model=UserOut)
def read_detached_columns(user_id: int, db: DbSession):
    user = crud.detach_user(db, user_id)
    return user


@router.get("/{user_id}/manual", response_model=UserWithItems)
def read_manual_session(user_id: int):
    db = SessionLocal()
    try:
        user = crud.get_user(db, user_id)
    finally:
        db.close()
    return user  # expect: DetachedInstanceError


@router.get("/{user_id}/manual-inside", response_model=UserWithItems)
def read_manual_session_inside(user_id: int):
    db = SessionLocal()
    try:
        user = crud.get_user(db, user_id)
        return UserWithItems.model_validate(user)
    finally:
        db.close()

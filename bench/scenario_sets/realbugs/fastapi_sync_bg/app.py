from fastapi import BackgroundTasks, Depends, FastAPI
from sqlalchemy.orm import Session

from database import SessionLocal, get_db
from services import customer_or_404, place_order, send_receipt, send_receipt_by_id, send_summary, sent

app = FastAPI()


@app.post("/customers/{customer_id}/orders")
def create_order(customer_id: int, total: int, tasks: BackgroundTasks, db: Session = Depends(get_db)):
    order = place_order(db, customer_id, total)
    tasks.add_task(send_receipt, order)
    return {"ok": True}


@app.post("/customers/{customer_id}/orders-by-id")
def create_order_by_id(customer_id: int, total: int, tasks: BackgroundTasks, db: Session = Depends(get_db)):
    order = place_order(db, customer_id, total)
    tasks.add_task(send_receipt_by_id, order.id)
    return {"ok": True}


@app.post("/customers/{customer_id}/orders-summary")
def create_order_summary(customer_id: int, total: int, tasks: BackgroundTasks, db: Session = Depends(get_db)):
    order = place_order(db, customer_id, total)
    tasks.add_task(send_summary, order.customer.name, order.total)
    return {"ok": True}


@app.post("/customers/{customer_id}/orders-local")
def create_order_local_session(customer_id: int, total: int, tasks: BackgroundTasks):
    with SessionLocal() as db:
        order = place_order(db, customer_id, total)
    tasks.add_task(send_receipt, order)
    return {"ok": True}


@app.get("/customers/{customer_id}")
def read_customer(customer_id: int, db: Session = Depends(get_db)):
    customer = customer_or_404(db, customer_id)
    return {"name": customer.name, "orders": [o.total for o in customer.orders]}


@app.get("/sent")
def list_sent():
    return sent

from app import create_app


def scenario_ok_restock_reads_relationship_after_commit():
    client = create_app().test_client()
    print(client.post("/restock", json={"warehouse": "BER", "sku": "BOLT", "amount": 3}).json)


def scenario_ok_restock_new_item():
    client = create_app().test_client()
    print(client.post("/restock", json={"warehouse": "LIS", "sku": "NUT", "amount": 10}).json)


def scenario_ok_cached_summary_twice():
    client = create_app().test_client()
    client.get("/warehouses/BER")
    print(client.get("/warehouses/BER").json)


def scenario_bad_cached_by_city_view_then_summary():
    client = create_app().test_client()
    client.get("/warehouses/BER/city")
    client.get("/warehouses/BER")


def scenario_ok_cached_eager_by_city_view_then_summary():
    client = create_app().test_client()
    client.get("/warehouses/BER/eager")
    client.get("/warehouses/BER/city")
    print(client.get("/warehouses/BER").json)


def scenario_bad_refresh_cached_warehouse():
    client = create_app().test_client()
    client.get("/warehouses/BER")
    client.post("/warehouses/BER/refresh")


def scenario_ok_merge_then_refresh_cached_warehouse():
    client = create_app().test_client()
    client.get("/warehouses/BER")
    print(client.post("/warehouses/BER/reattach").json)


def scenario_bad_session_closed_before_serializing():
    client = create_app().test_client()
    client.get("/warehouses/LIS/released")


def scenario_ok_session_closed_after_eager_load():
    client = create_app().test_client()
    print(client.get("/warehouses/LIS/released/eager").json)

from app import create_app


def scenario_bad_streamed_generator_lazy_loads_after_teardown():
    client = create_app().test_client()
    print(client.get("/shelves/1.csv").text)


def scenario_bad_stream_with_context_still_after_teardown():
    client = create_app().test_client()
    print(client.get("/shelves/1/context.csv").text)


def scenario_ok_requery_inside_stream_with_context():
    client = create_app().test_client()
    print(client.get("/shelves/1/requery.csv").text)


def scenario_ok_rows_read_before_streaming():
    client = create_app().test_client()
    print(client.get("/shelves/1/list.csv").text)


def scenario_ok_streamed_generator_reads_loaded_column():
    client = create_app().test_client()
    print(client.get("/shelves/1/name").text)

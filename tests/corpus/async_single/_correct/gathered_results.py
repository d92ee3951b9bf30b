"""Correct versions of async_single/gathered_results.py's bad scenarios (see tests/corpus/README.md, "Correct versions")."""

import asyncio

from gathered_results import _factory, load_shop_with_sales


async def correct_gathered_results_lazy_collection():
    factory = await _factory()
    north, south = await asyncio.gather(load_shop_with_sales(factory, 1), load_shop_with_sales(factory, 2))
    print(len(north.sales), south.name)


async def correct_gathered_from_a_list():
    factory = await _factory()
    shops = await asyncio.gather(*[load_shop_with_sales(factory, i) for i in (1, 2)])
    print([len(s.sales) for s in shops])


async def correct_awaited_task_result():
    factory = await _factory()
    shop = await asyncio.create_task(load_shop_with_sales(factory, 1))
    print(len(shop.sales))


async def correct_wait_for_result():
    factory = await _factory()
    shop = await asyncio.wait_for(load_shop_with_sales(factory, 1), timeout=5)
    print(len(shop.sales))

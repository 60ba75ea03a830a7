"""The shared cache's Redis backend (gutguide.cache). The suite's PostgreSQL run uses it for
everything it caches; these need no Redis server, as building a client does not connect."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from gutguide.cache import RedisCache


def test_one_redis_client_serves_every_call_to_a_server():
    client = RedisCache("redis://127.0.0.1:6379/0", {})._cache

    assert client.get_client() is client.get_client()
    assert client.get_client("some-key", write=True) is client.get_client()


def test_each_server_keeps_its_own_client_and_pool():
    client = RedisCache("redis://127.0.0.1:6379/0,redis://127.0.0.1:6380/0", {})._cache

    writer = client.get_client(write=True)
    reader = client.get_client()

    assert writer is not reader
    assert writer.connection_pool.connection_kwargs["port"] == 6379
    assert reader.connection_pool.connection_kwargs["port"] == 6380


def test_djangos_own_client_builds_a_new_one_each_time():
    # What gutguide.cache exists for: if Django starts reusing its client, drop the subclass.
    client = DjangoRedisCache("redis://127.0.0.1:6379/0", {})._cache

    assert client.get_client() is not client.get_client()

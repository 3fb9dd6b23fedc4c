/** A Redis store for the client-side response cache; see {@link dev.openrouter4j.cache.redis.RedisResponseCacheStore}. */
package dev.openrouter4j.cache.redis;

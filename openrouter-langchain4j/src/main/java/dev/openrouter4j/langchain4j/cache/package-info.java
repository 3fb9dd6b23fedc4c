/**
 * Storage for the client-side response cache ({@link dev.openrouter4j.langchain4j.ResponseCache}): the
 * {@link dev.openrouter4j.langchain4j.cache.ResponseCacheStore} contract and the in-memory store.
 */
package dev.openrouter4j.langchain4j.cache;

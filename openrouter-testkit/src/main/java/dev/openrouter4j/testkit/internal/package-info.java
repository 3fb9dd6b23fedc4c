/**
 * Implementation of the fake OpenRouter: the loopback HTTP/1.1 server, the answer synthesizer, the model
 * catalogue, error bodies and fault plans.
 *
 * <p>Nothing in this package is API: it may change in any release. Use the types of
 * {@code dev.openrouter4j.testkit} instead.
 */
package dev.openrouter4j.testkit.internal;

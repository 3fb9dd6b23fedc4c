/**
 * The chat-api sample: an "AI Chat Platform" backend on Jakarta REST (Jersey on Grizzly) and CDI (Weld SE), whose
 * OpenRouter models, model catalog and cost ledger are injected by {@code openrouter-cdi}. Start it with
 * {@link dev.openrouter4j.samples.chatapi.ChatApiServer#main}; the endpoints are in
 * {@link dev.openrouter4j.samples.chatapi.LlmResource}, the JSON shapes in {@link dev.openrouter4j.samples.chatapi.Api},
 * the error mapping in {@code Failures}.
 */
package dev.openrouter4j.samples.chatapi;

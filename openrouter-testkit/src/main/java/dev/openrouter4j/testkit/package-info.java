/**
 * A fake OpenRouter for tests and offline demos: {@link dev.openrouter4j.testkit.FakeOpenRouter} serves
 * OpenRouter's chat, models, key and generation endpoints over real HTTP/1.1 on loopback, scripted with
 * {@link dev.openrouter4j.testkit.FakeResponse} (answers, OpenRouter's real error bodies, stream and transport
 * faults) or with bundled recordings of real traffic ({@link dev.openrouter4j.testkit.Recording}).
 * {@link dev.openrouter4j.testkit.OpenRouterSchemas} checks JSON against OpenRouter's OpenAPI specification and
 * {@link dev.openrouter4j.testkit.FakeOpenRouterExtension} wires a fake into JUnit 5.
 */
package dev.openrouter4j.testkit;

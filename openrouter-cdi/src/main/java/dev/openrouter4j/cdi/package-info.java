/**
 * CDI beans for OpenRouter models, configured from MicroProfile Config.
 * <p>
 * Add the jar, set {@code OPENROUTER_API_KEY} and {@code openrouter.model}, then {@code @Inject ChatModel chat;}.
 * Named models: {@code openrouter.model-names=fast,smart}, {@code openrouter.models.fast.model=...}, then
 * {@code @Inject @OpenRouterModel("fast") ChatModel fast;}. The {@link dev.openrouter4j.cdi.OpenRouterExtension}
 * reads the configuration, validates it (every mistake in one deployment failure, values never shown) and registers
 * the beans; see the module's README for every property.
 */
package dev.openrouter4j.cdi;

/**
 * Settles ledger entries whose cost was unknown (cancelled streams, responses without usage) from OpenRouter's own
 * record of the generation ({@code GET /api/v1/generation}).
 */
package dev.openrouter4j.cost.reconcile;

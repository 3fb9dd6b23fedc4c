/**
 * Micrometer meters with the OpenTelemetry GenAI names, plus cost. Micrometer is an optional dependency: only this
 * package needs it at run time.
 */
package dev.openrouter4j.cost.metrics;

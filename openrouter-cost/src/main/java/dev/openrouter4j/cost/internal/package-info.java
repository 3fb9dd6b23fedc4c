/** Implementation details of the cost module; not an API, may change without notice. */
package dev.openrouter4j.cost.internal;

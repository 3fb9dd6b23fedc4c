package dev.openrouter4j.cost;

/**
 * How a recorded call ended. Kept on every entry so that reports can count failures, cancellations and refusals
 * beside their cost (failed and cancelled calls can still be billed).
 */
public enum CallOutcome {
    /** A complete response arrived. */
    OK,
    /** The call failed: an HTTP error, a transport failure, or an error in the middle of a stream. */
    ERROR,
    /** The caller cancelled a stream; OpenRouter may still bill what was generated. */
    CANCELLED,
    /** A {@code BudgetGuard} refused the call before it was sent. */
    REFUSED
}

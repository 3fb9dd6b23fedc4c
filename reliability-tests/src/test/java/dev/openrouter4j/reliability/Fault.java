package dev.openrouter4j.reliability;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.testkit.FakeResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One row of the fault matrix: a fault, how the fake scripts it, what the sync and the streaming model must do, and
 * within what time. The matrix test runs every row against both models; {@link MatrixTable} renders the rows into
 * {@code docs/reliability.md}. So the documented table and the tested behaviour come from the same data.
 */
final class Fault {

    /** The model kind a row runs against. */
    enum Mode { SYNC, STREAM }

    /** Where the models of a row send their requests. */
    enum Endpoint {
        /** The fake OpenRouter, scripted with the row's responses. */
        FAKE,
        /** A loopback port where nothing listens (a relay in front of the fake, taken down for the fault). */
        REFUSED,
        /** A host name under {@code .invalid} (RFC 2606), which never resolves. */
        UNRESOLVED
    }

    /** What the caller does besides waiting. */
    enum Caller {
        WAITS,
        /** Sync: interrupts the calling thread after 300 ms. Stream: cancels the handle at the first token. */
        GIVES_UP
    }

    /** What a model must do. */
    sealed interface Outcome permits Fails, Succeeds, Cancelled, NotApplicable {
    }

    /**
     * Fails with exactly this exception class, whose message contains every one of {@code says} and none of
     * {@code neverSays}.
     */
    record Fails(Class<? extends RuntimeException> type, List<String> says, List<String> neverSays)
            implements Outcome {
    }

    /** Completes; {@code check} holds for the response. */
    record Succeeds(String note, Predicate<ChatResponse> check) implements Outcome {
    }

    /** The caller cancelled: the handler hears nothing more, listeners hear a {@code StreamCancelledException}. */
    record Cancelled() implements Outcome {
    }

    /** The fault does not apply to this model. */
    record NotApplicable() implements Outcome {
    }

    static Fails fails(Class<? extends RuntimeException> type, String... says) {
        return new Fails(type, List.of(says), List.of());
    }

    static Succeeds succeeds(String note, Predicate<ChatResponse> check) {
        return new Succeeds(note, check);
    }

    static Succeeds succeeds() {
        return new Succeeds("", r -> true);
    }

    final String name;
    final String script;
    Endpoint endpoint = Endpoint.FAKE;
    Caller caller = Caller.WAITS;
    Function<Mode, List<FakeResponse>> responses = m -> List.of();
    Outcome sync = new NotApplicable();
    Outcome stream = new NotApplicable();
    /** The time from the call to its outcome must be at most this. */
    Duration bound;
    /** How the bound is made up, for the table (null: the default, timeout + margin). */
    String boundNote;
    /** The outcome must not come earlier than this (a timeout must not fire early). */
    Duration atLeast = Duration.ZERO;
    /** How many requests the fake must receive (retries included); -1: not checked. */
    int requests = 1;
    /**
     * A library bug that makes this row fail today, or null. The row is then skipped (reported as skipped with this
     * text) and the table marks it; remove it once the library is fixed.
     */
    String knownBug;

    private Fault(String name, String script, Duration bound) {
        this.name = name;
        this.script = script;
        this.bound = bound;
    }

    static Fault fault(String name, String script, Duration defaultBound) {
        return new Fault(name, script, defaultBound);
    }

    /** The fake answers every request of the row (retries included) with these, in order, for both models. */
    Fault scripted(FakeResponse... responses) {
        List<FakeResponse> list = List.of(responses);
        this.responses = m -> list;
        return this;
    }

    /** The same response {@code times} times (an error that retries do not clear). */
    Fault scriptedTimes(int times, FakeResponse response) {
        List<FakeResponse> list = new ArrayList<>(Collections.nCopies(times, response));
        this.responses = m -> list;
        this.requests = times;
        return this;
    }

    Fault endpoint(Endpoint endpoint) {
        this.endpoint = endpoint;
        this.requests = endpoint == Endpoint.FAKE ? requests : 0;
        return this;
    }

    Fault both(Outcome outcome) {
        this.sync = outcome;
        this.stream = outcome;
        return this;
    }

    Fault sync(Outcome outcome) {
        this.sync = outcome;
        return this;
    }

    Fault stream(Outcome outcome) {
        this.stream = outcome;
        return this;
    }

    Fault bound(Duration bound, String note) {
        this.bound = bound;
        this.boundNote = note;
        return this;
    }

    Fault atLeast(Duration min) {
        this.atLeast = min;
        return this;
    }

    Fault requests(int n) {
        this.requests = n;
        return this;
    }

    /** Marks the row as failing because of a library bug (temporarily: remove once fixed). */
    Fault knownBug(String description) {
        this.knownBug = description;
        return this;
    }

    Fault callerGivesUp() {
        this.caller = Caller.GIVES_UP;
        return this;
    }

    Outcome outcome(Mode mode) {
        return mode == Mode.SYNC ? sync : stream;
    }

    @Override
    public String toString() {
        return name;
    }

    /** A response check that reads well in failure messages. */
    static Predicate<ChatResponse> named(String description, Predicate<ChatResponse> p) {
        Objects.requireNonNull(description);
        return new Predicate<>() {
            @Override
            public boolean test(ChatResponse r) {
                return p.test(r);
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }
}

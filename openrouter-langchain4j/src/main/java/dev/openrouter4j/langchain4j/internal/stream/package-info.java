/**
 * One streaming chat call, in parts a reader can name, and the rules of which thread touches what.
 *
 * <h2>The parts</h2>
 * <ul>
 *   <li>{@link dev.openrouter4j.langchain4j.internal.stream.StreamingCall}: the handle the caller holds; wires the parts
 *       and turns what they report into outcomes.</li>
 *   <li>The exchange: {@link dev.openrouter4j.langchain4j.internal.stream.StreamExchange} sends the request through the
 *       shared transport, retries before the first byte, refuses redirects and collects a body that is not an event
 *       stream; {@link dev.openrouter4j.langchain4j.internal.stream.EventStreamSubscriber} reads the event stream one
 *       network read at a time, pauses reading while the handler lags (backpressure), enforces the idle timeout, and
 *       is the only place that stops reading (see its documentation for why that is delicate).</li>
 *   <li>The decoder: {@link dev.openrouter4j.langchain4j.internal.stream.StreamDecoder} turns bytes into SSE events,
 *       events into chunks ({@link dev.openrouter4j.langchain4j.internal.stream.PlainChunkReader} for plain content
 *       chunks, a JSON tree otherwise, proven to agree by {@code PlainChunkReaderAgreementTest}) and chunks into the
 *       {@link dev.openrouter4j.langchain4j.internal.stream.StreamAccumulator}.</li>
 *   <li>{@link dev.openrouter4j.langchain4j.internal.stream.CallbackQueue}: the handler's callbacks, in order, one at a
 *       time, on the callback pool.</li>
 *   <li>{@link dev.openrouter4j.langchain4j.internal.stream.Terminal}: the one terminal-state machine (OPEN, SUCCEEDED,
 *       FAILED, CANCELLED, DELIVERED): the first outcome wins, the handler and listeners hear exactly one.</li>
 * </ul>
 *
 * <h2>Concurrency rules</h2>
 * <ul>
 *   <li><b>Caller thread</b>: {@code start()} sends the request; {@code cancel()} may come from any thread at any
 *       time.</li>
 *   <li><b>HTTP threads</b> (the JDK client's executor, {@code openrouter4j-http-N} by default): the body handler,
 *       {@code onSubscribe}/{@code onNext}/{@code onComplete}/{@code onError} of the subscriber (the JDK never runs
 *       two of them at once for one body) and the decoding they trigger. They never run user code.</li>
 *   <li><b>Callback thread</b> (the callback pool, {@code openrouter4j-callback-N}, or the user's executor, under the
 *       captured context class loader): every handler and listener call, one task at a time per stream, in the order
 *       queued ({@code SerialExecutor}). Terminal deliveries run here, so {@code DELIVERED} is reached on this thread.
 *       </li>
 *   <li><b>Timer thread</b> ({@code openrouter4j-timer-1}): idle-timeout checks and delayed retries.</li>
 *   <li><b>One lock per stream</b>: the {@code CallbackQueue} monitor guards the SSE parser, the accumulator and the
 *       batch of the read being decoded. The decoder holds it while decoding, so callbacks are queued in the order the
 *       bytes produced them and a terminal delivery queued from another thread never overtakes them. Other threads
 *       take it only to read the partial response. Nothing holding it waits for another lock except the subscriber's
 *       and the exchange's own monitors, which guard only their fields and never call out while held.</li>
 *   <li><b>The terminal state</b> is an {@code AtomicReference} of an enum: outcomes are decided by compare-and-set
 *       from any thread; deliveries and a throwing handler move it to {@code DELIVERED} on the callback thread.</li>
 * </ul>
 */
package dev.openrouter4j.langchain4j.internal.stream;

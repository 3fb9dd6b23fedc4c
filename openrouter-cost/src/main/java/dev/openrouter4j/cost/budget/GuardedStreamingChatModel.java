package dev.openrouter4j.cost.budget;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.openrouter4j.cost.internal.CallState;

import java.util.List;
import java.util.Set;

/**
 * A {@link StreamingChatModel} whose calls pass a {@link BudgetGuard} first. The reservation settles when the stream
 * completes or fails, or, when the caller cancels it through the streaming handle, keeps its worst case as spent.
 */
final class GuardedStreamingChatModel implements StreamingChatModel {

    private final BudgetGuard guard;
    private final StreamingChatModel delegate;

    GuardedStreamingChatModel(BudgetGuard guard, StreamingChatModel delegate) {
        this.guard = guard;
        this.delegate = delegate;
    }

    @Override
    public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        ChatRequestOptions effective = options == null ? ChatRequestOptions.EMPTY : options;
        ChatRequestParameters defaults = delegate.defaultRequestParameters();
        ChatRequest merged = defaults == null ? request : ChatRequest.builder().messages(request.messages())
                .parameters(defaults.overrideWith(request.parameters())).build();
        CallState state = CallState.capture(guard.clock(), effective.listenerAttributes());
        Reservation reservation;
        try {
            reservation = guard.reserve(merged, state.attributes(), state, true);
        } catch (BudgetExceededException | BudgetUnavailableException e) {
            handler.onError(e);
            return;
        }
        try {
            delegate.chat(request, effective, new SettlingHandler(handler, reservation, state, merged));
        } catch (RuntimeException e) {
            reservation.release();
            throw e;
        }
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        CallState state = CallState.capture(guard.clock(), null);
        Reservation reservation;
        try {
            reservation = guard.reserve(request, state.attributes(), state, true);
        } catch (BudgetExceededException | BudgetUnavailableException e) {
            handler.onError(e);
            return;
        }
        try {
            delegate.doChat(request, new SettlingHandler(handler, reservation, state, request));
        } catch (RuntimeException e) {
            reservation.release();
            throw e;
        }
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return delegate.listeners();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }

    @Override
    public String toString() {
        return "BudgetGuarded(" + delegate + ")";
    }

    /** Forwards everything to the caller's handler; settles the reservation on the terminal event or a cancel. */
    private final class SettlingHandler implements StreamingChatResponseHandler {
        private final StreamingChatResponseHandler handler;
        private final Reservation reservation;
        private final CallState state;
        private final ChatRequest request;

        SettlingHandler(StreamingChatResponseHandler handler, Reservation reservation, CallState state,
                        ChatRequest request) {
            this.handler = handler;
            this.reservation = reservation;
            this.state = state;
            this.request = request;
        }

        private StreamingHandle wrap(StreamingHandle h) {
            return h == null ? null : new StreamingHandle() {
                @Override
                public void cancel() {
                    reservation.settle(null); // a cancelled stream's cost is unknown: keep its worst case
                    h.cancel();
                }

                @Override
                public boolean isCancelled() {
                    return h.isCancelled();
                }
            };
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            handler.onPartialResponse(partialResponse);
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            handler.onPartialResponse(partialResponse,
                    context == null ? null : new PartialResponseContext(wrap(context.streamingHandle())));
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking) {
            handler.onPartialThinking(partialThinking);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            handler.onPartialThinking(partialThinking,
                    context == null ? null : new PartialThinkingContext(wrap(context.streamingHandle())));
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall) {
            handler.onPartialToolCall(partialToolCall);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            handler.onPartialToolCall(partialToolCall,
                    context == null ? null : new PartialToolCallContext(wrap(context.streamingHandle())));
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            handler.onCompleteToolCall(completeToolCall);
        }

        @Override
        public void onUnmappedRawEvent(Object rawEvent) {
            handler.onUnmappedRawEvent(rawEvent);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            try {
                reservation.settle(guard.costing().fromResponse(state, request, response, true).cost());
            } finally {
                handler.onCompleteResponse(response);
            }
        }

        @Override
        public void onError(Throwable error) {
            try {
                reservation.settle(guard.costing().fromError(state, request, error, true).cost());
            } finally {
                handler.onError(error);
            }
        }
    }
}

package dev.openrouter4j.cost.budget;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.internal.CallState;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** A {@link ChatModel} whose calls pass a {@link BudgetGuard} first; everything else is the wrapped model's. */
final class GuardedChatModel implements ChatModel {

    private final BudgetGuard guard;
    private final ChatModel delegate;

    GuardedChatModel(BudgetGuard guard, ChatModel delegate) {
        this.guard = guard;
        this.delegate = delegate;
    }

    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        ChatRequestOptions effective = options == null ? ChatRequestOptions.EMPTY : options;
        ChatRequest merged = merged(request);
        CallState state = CallState.capture(guard.clock(), effective.listenerAttributes());
        Reservation reservation = guard.reserve(merged, state.attributes(), state, false);
        try {
            ChatResponse response = delegate.chat(request, effective);
            reservation.settle(guard.costing().fromResponse(state, merged, response, false).cost());
            return response;
        } catch (RuntimeException e) {
            settleFailed(reservation, state, merged, e);
            throw e;
        }
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        CallState state = CallState.capture(guard.clock(), null);
        Reservation reservation = guard.reserve(request, state.attributes(), state, false);
        try {
            ChatResponse response = delegate.doChat(request);
            reservation.settle(guard.costing().fromResponse(state, request, response, false).cost());
            return response;
        } catch (RuntimeException e) {
            settleFailed(reservation, state, request, e);
            throw e;
        }
    }

    private void settleFailed(Reservation reservation, CallState state, ChatRequest merged, RuntimeException e) {
        if (e instanceof BudgetExceededException) {
            reservation.release();
            return;
        }
        CostEntry entry = guard.costing().fromError(state, merged, e, false);
        BigDecimal cost = entry.cost();
        reservation.settle(cost);
    }

    private ChatRequest merged(ChatRequest request) {
        ChatRequestParameters defaults = delegate.defaultRequestParameters();
        if (defaults == null) {
            return request;
        }
        return ChatRequest.builder().messages(request.messages())
                .parameters(defaults.overrideWith(request.parameters())).build();
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
}

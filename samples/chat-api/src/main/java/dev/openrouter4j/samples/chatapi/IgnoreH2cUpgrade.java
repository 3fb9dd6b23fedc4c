package dev.openrouter4j.samples.chatapi;

import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Makes Grizzly answer HTTP/1.1 requests that offer an upgrade to cleartext HTTP/2 ({@code Upgrade: h2c}), as the
 * JDK's {@code java.net.http.HttpClient} does by default.
 * <p>
 * Without the HTTP/2 filters, Grizzly marks such a request as upgrading and stops honouring its
 * {@code Content-Length}, so a POST body never ends and the request hangs until a timeout (Grizzly issue 1972, Jersey
 * issue 6059). A server may ignore an upgrade offer (RFC 9110, 7.8): this filter, placed after the HTTP codec,
 * receives the codec's upgrade event and turns the request back into a plain HTTP/1.1 request. Other upgrades
 * (WebSocket) are left alone.
 */
final class IgnoreH2cUpgrade extends BaseFilter implements AddOn {

    @Override
    public void setup(NetworkListener listener, FilterChainBuilder builder) {
        int codec = builder.indexOfType(HttpServerFilter.class);
        if (codec >= 0) {
            builder.add(codec + 1, this); // the codec notifies the filters after it of an upgrade
        }
    }

    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws java.io.IOException {
        if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
            HttpHeader header = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
            String upgrade = header.getUpgrade();
            if (upgrade != null && upgrade.trim().toLowerCase(java.util.Locale.ROOT).startsWith("h2c")) {
                header.setIgnoreContentModifiers(false); // read the body by its Content-Length again
                header.getUpgradeDC().recycle();         // and answer in HTTP/1.1, keeping the connection
                return ctx.getStopAction();
            }
        }
        return ctx.getInvokeAction();
    }
}

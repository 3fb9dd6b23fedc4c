package dev.openrouter4j.cdi.internal;

import dev.openrouter4j.langchain4j.OpenRouterModelBuilder;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads properties from MicroProfile Config as strings and parses them itself, recording a {@link Problems} line for
 * every value it cannot use. Nothing here registers a converter, and no message contains a value: only the property,
 * its environment variable (MicroProfile's mapping: every character other than a letter or digit becomes {@code _},
 * then upper case) and the source's name.
 */
public final class PropertyReader {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?", Pattern.CASE_INSENSITIVE);

    private final Config config;
    private final Problems problems;

    public PropertyReader(Config config, Problems problems) {
        this.config = config;
        this.problems = problems;
    }

    /** The environment variable MicroProfile Config maps to the property, e.g. {@code OPENROUTER_API_KEY}. */
    public static String envName(String property) {
        StringBuilder sb = new StringBuilder(property.length());
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            sb.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    /** {@code property (env NAME)}. */
    public static String describe(String property) {
        return property + " (env " + envName(property) + ")";
    }

    public Problems problems() {
        return problems;
    }

    public Config config() {
        return config;
    }

    /** The value of a property, or null when it is not set or blank. Keys keep their surrounding white space. */
    public Value read(String property) {
        return read(property, false);
    }

    /** Like {@link #read(String)} but the text is not stripped (to detect white space in keys). */
    public Value readUnstripped(String property) {
        return read(property, true);
    }

    private Value read(String property, boolean keepWhitespace) {
        ConfigValue cv;
        try {
            cv = config.getConfigValue(property);
        } catch (RuntimeException e) {
            // e.g. an expression ${...} that cannot be expanded; the exception's message may hold the value
            problems.add(describe(property) + " could not be read (" + e.getClass().getSimpleName()
                    + "; an expression ${...} that refers to a property that is not set?)");
            return null;
        }
        if (cv == null || cv.getValue() == null || cv.getValue().isBlank()) {
            return null;
        }
        String text = keepWhitespace ? cv.getValue() : cv.getValue().strip();
        return new Value(property, text, cv.getSourceName());
    }

    /** The first of the values that is set, or null. */
    public static Value first(Value own, Value inherited) {
        return own != null ? own : inherited;
    }

    // ------------------------------------------------------------------ parsing; null in, null out

    /** {@code true}/{@code false} (also yes/no, on/off, 1/0), case-insensitive. */
    public Boolean bool(Value v) {
        if (v == null) return null;
        switch (v.text().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1":
                return Boolean.TRUE;
            case "false", "no", "off", "0":
                return Boolean.FALSE;
            default:
                problems.add(v.describe() + " is not a boolean: use true or false");
                return null;
        }
    }

    /** A whole number of at least {@code min}. */
    public Integer integer(Value v, int min) {
        if (v == null) return null;
        int n;
        try {
            n = Integer.parseInt(v.text());
        } catch (NumberFormatException e) {
            problems.add(v.describe() + " is not a whole number");
            return null;
        }
        if (n < min) {
            problems.add(v.describe() + " must be " + min + " or more");
            return null;
        }
        return n;
    }

    /** A decimal number between {@code min} and {@code max}, inclusive. */
    public Double decimal(Value v, double min, double max) {
        if (v == null) return null;
        double d;
        try {
            d = Double.parseDouble(v.text());
        } catch (NumberFormatException e) {
            problems.add(v.describe() + " is not a number");
            return null;
        }
        if (Double.isNaN(d) || d < min || d > max) {
            problems.add(v.describe() + " must be between " + plain(min) + " and " + plain(max));
            return null;
        }
        return d;
    }

    /** An amount of US dollars, zero or more. */
    public BigDecimal usd(Value v) {
        if (v == null) return null;
        BigDecimal d;
        try {
            d = new BigDecimal(v.text());
        } catch (NumberFormatException e) {
            problems.add(v.describe() + " is not an amount in USD (a decimal number such as 5 or 0.25)");
            return null;
        }
        if (d.signum() < 0) {
            problems.add(v.describe() + " must not be negative");
            return null;
        }
        return d;
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d}, a number of seconds, or ISO-8601 {@code PT30S}; positive. */
    public Duration duration(Value v) {
        if (v == null) return null;
        Duration d = parseDuration(v.text());
        if (d == null) {
            problems.add(v.describe() + " is not a duration: use 500ms, 30s, 2m, 1h or ISO-8601 such as PT30S");
            return null;
        }
        if (d.isZero() || d.isNegative()) {
            problems.add(v.describe() + " must be a positive duration");
            return null;
        }
        return d;
    }

    static Duration parseDuration(String text) {
        String t = text.strip();
        Matcher m = SIMPLE_DURATION.matcher(t);
        if (m.matches()) {
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                return null;
            }
            String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
            try {
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } catch (ArithmeticException e) {
                return null;
            }
        }
        if (t.length() > 1 && (t.charAt(0) == 'P' || t.charAt(0) == 'p' || t.charAt(0) == '-')) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** One of the allowed words (case-insensitive); returns the allowed spelling. */
    public String choice(Value v, List<String> allowed) {
        if (v == null) return null;
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v.text())) {
                return a;
            }
        }
        problems.add(v.describe() + " is not one of " + String.join(", ", allowed));
        return null;
    }

    /** Comma-separated items, each stripped; empty items are dropped. */
    public List<String> list(Value v) {
        if (v == null) return null;
        List<String> out = new ArrayList<>();
        for (String s : v.text().split(",")) {
            String item = s.strip();
            if (!item.isEmpty()) {
                out.add(item);
            }
        }
        return List.copyOf(out);
    }

    /** An absolute http(s) URL, checked as the library's builders check it. */
    public String url(Value v) {
        if (v == null) return null;
        try {
            OpenRouterModelBuilder.checkBaseUrl(v.text());
            return v.text();
        } catch (IllegalArgumentException e) {
            // reported below
        }
        problems.add(v.describe() + " is not an absolute http(s) URL such as https://openrouter.ai/api/v1");
        return null;
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}

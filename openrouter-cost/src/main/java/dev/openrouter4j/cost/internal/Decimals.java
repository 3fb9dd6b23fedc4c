package dev.openrouter4j.cost.internal;

import java.math.BigDecimal;

/** Exact money helpers: no rounding anywhere, only normalisation of the representation. */
public final class Decimals {

    private Decimals() {
    }

    /** Null-safe sum (null counts as zero only when the other side is known). */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        if (a == null) return b;
        if (b == null) return a;
        return a.add(b);
    }

    /** The same value with trailing zeros removed, never in exponent form for integers ({@code 10}, not {@code 1E+1}). */
    public static BigDecimal normalize(BigDecimal v) {
        if (v == null) return null;
        if (v.signum() == 0) return BigDecimal.ZERO;
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** Parses a decimal string exactly; null or blank gives null. */
    public static BigDecimal parse(String s) {
        if (s == null || s.isBlank()) return null;
        return new BigDecimal(s.trim());
    }

    /** Plain string of a value ({@code 0.000001}, never {@code 1E-6}); null stays null. */
    public static String plain(BigDecimal v) {
        return v == null ? null : normalize(v).toPlainString();
    }

    public static boolean equal(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}

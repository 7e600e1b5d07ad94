package io.asyncio4j.http.client;

import io.asyncio4j.internal.util.PythonRepr;

import java.net.URI;

/**
 * Python's text of values aiohttp writes: a form's values and a query's numbers as {@code str()}
 * gives them ({@code True}, {@code None}, {@code 1e+20}); and aiohttp's words for a response error, so that a message reads as {@code str()} of the aiohttp
 * exception a port's logs and tests expect: {@code 404, message='Not Found', url=URL('http://h/x')}.
 * Built only when an exception is made, never on the request path.
 * <p>
 * Stateless; any thread. aiohttp: {@code ClientResponseError.__str__}, Python's {@code repr(str)}
 */
final class PyRepr {
    private PyRepr() {
    }

    /** {@code str(ClientResponseError(...))} in aiohttp 3.8.4: the status, the message's repr, the URL's. */
    static String responseError(int status, String message, URI url) {
        return status + ", message=" + PythonRepr.ofString(message) + ", url=URL(" + PythonRepr.ofString(String.valueOf(url)) + ")";
    }

    /**
     * Python's {@code str()} of a value a form holds, as {@code urlencode} writes it: a Boolean
     * as {@code True}/{@code False}, null as {@code None}, a Double or Float as {@link #floatRepr};
     * anything else by its {@code toString()}.
     */
    static String str(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return floatRepr(d, Double.toString(d));
        }
        if (v instanceof Float f) {
            return floatRepr(f, Float.toString(f)); // its own shortest digits, not the double's
        }
        return v.toString();
    }

    /**
     * Python's {@code repr(float)}: the shortest digits that read back (Java's {@code toString}
     * finds the same ones), fixed notation when the decimal point falls within 16 digits and
     * 4 zeros after it ({@code 1000000000000000.0}, {@code 0.0001}), else {@code 1e+16},
     * {@code 1e-05}, {@code 1.5e+20}; {@code inf}, {@code nan} as Python writes them.
     */
    static String floatRepr(double d, String javaText) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String sign = javaText.startsWith("-") ? "-" : "";
        java.math.BigDecimal exact = new java.math.BigDecimal(sign.isEmpty() ? javaText : javaText.substring(1));
        if (exact.signum() == 0) {
            return sign + "0.0";
        }
        exact = exact.stripTrailingZeros();
        if (exact.precision() == 2) {
            // Java writes at least two significant digits where one may do (4.9E-324; Python 5e-324)
            java.math.BigDecimal one = exact.round(new java.math.MathContext(1, java.math.RoundingMode.HALF_EVEN));
            if (Double.parseDouble(one.toString()) == Math.abs(d)) {
                exact = one.stripTrailingZeros();
            }
        }
        String digits = exact.unscaledValue().toString();
        int point = digits.length() - exact.scale(); // the decimal point's place after the first digit
        StringBuilder sb = new StringBuilder(sign);
        if (point > -4 && point <= 16) {
            if (point <= 0) {
                sb.append("0.").append("0".repeat(-point)).append(digits);
            } else if (point >= digits.length()) {
                sb.append(digits).append("0".repeat(point - digits.length())).append(".0");
            } else {
                sb.append(digits, 0, point).append('.').append(digits, point, digits.length());
            }
            return sb.toString();
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        int exp = point - 1;
        sb.append(exp < 0 ? "e-" : "e+");
        int abs = Math.abs(exp);
        return sb.append(abs < 10 ? "0" : "").append(abs).toString();
    }
}

package io.asyncio4j.http.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A route's path compiled for matching: literal, or a regular expression with one named group
 * per {@code {name}} / {@code {name:regex}} segment. Immutable; any thread.
 * <p>
 * asyncio: aiohttp's {@code PlainResource} / {@code DynamicResource}
 */
final class PathPattern {
    // yarl's path quoting: a / stays (aiohttp's url_for does not escape it)
    private static final String PATH_SAFE = "-._~!$&'()*+,;=:@/";
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)(?::((?:[^{}]|\\{[^{}]*})*))?}");

    final String source;
    final Pattern regex;        // null for a literal path
    final List<String> names;

    private PathPattern(String source, Pattern regex, List<String> names) {
        this.source = source;
        this.regex = regex;
        this.names = names;
    }

    /** {@code path} compiled; throws IllegalArgumentException naming what is wrong with it (for Router.addRoute). */
    static PathPattern compile(String path) {
        if (path.indexOf('{') < 0 && path.indexOf('}') < 0) {
            return new PathPattern(path, null, List.of());
        }
        StringBuilder re = new StringBuilder();
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(path);
        int last = 0;
        while (m.find()) {
            String literal = path.substring(last, m.start());
            if (literal.indexOf('{') >= 0 || literal.indexOf('}') >= 0) {
                throw unbalanced(path);
            }
            re.append(Pattern.quote(literal));
            String name = m.group(1);
            if (names.contains(name)) {
                throw new IllegalArgumentException("Router.addRoute(): the path " + path + " names the variable {"
                        + name + "} twice; give each variable its own name");
            }
            names.add(name);
            // Java group names allow no '_' ({user_id} is common): groups are numbered, names kept aside
            re.append("(?<g").append(names.size() - 1).append('>').append(m.group(2) != null ? m.group(2) : "[^{}/]+").append(')');
            last = m.end();
        }
        String tail = path.substring(last);
        if (tail.indexOf('{') >= 0 || tail.indexOf('}') >= 0) {
            throw unbalanced(path);
        }
        re.append(Pattern.quote(tail));
        try {
            return new PathPattern(path, Pattern.compile(re.toString()), List.copyOf(names));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Router.addRoute(): the path " + path + " makes a bad regular "
                    + "expression (" + e.getDescription() + "); fix the {name:regex} parts", e);
        }
    }

    private static IllegalArgumentException unbalanced(String path) {
        return new IllegalArgumentException("Router.addRoute(): the path " + path + " has an unbalanced '{' or "
                + "'}'; write a variable as {name} or {name:regex}");
    }

    /**
     * The path with each variable set to its part, percent-encoded as a path (unreserved
     * characters, sub-delimiters, {@code : @ /} stay). For Router.urlFor: {@code route} names
     * the route in errors.
     */
    String format(java.util.Map<String, String> parts, String route) {
        java.util.Set<String> unused = new java.util.LinkedHashSet<>(parts.keySet());
        StringBuilder out = new StringBuilder();
        Matcher m = VARIABLE.matcher(source);
        int last = 0;
        while (m.find()) {
            out.append(source, last, m.start());
            String name = m.group(1);
            String value = parts.get(name);
            if (value == null) {
                throw new IllegalArgumentException("Router.urlFor(): the route " + route + " (" + source + ") needs "
                        + "the part " + name + "; give every variable a value");
            }
            unused.remove(name);
            io.asyncio4j.http.internal.PercentEncoding.quote(value, PATH_SAFE, false, out);
            last = m.end();
        }
        out.append(source, last, source.length());
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException("Router.urlFor(): the route " + route + " (" + source + ") has no "
                    + "variable " + unused + "; give only the route's variables (" + names + ")");
        }
        return out.toString();
    }


    boolean isLiteral() {
        return regex == null;
    }

    /** The variables' values if {@code path} matches (empty for a literal match), else null. */
    Map<String, String> match(String path) {
        if (regex == null) {
            return source.equals(path) ? Map.of() : null;
        }
        Matcher m = regex.matcher(path);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String n : names) {
            values.put(n, UrlCoding.variableValue(m.group("g" + values.size())));
        }
        return values;
    }

    @Override
    public String toString() {
        return source;
    }
}

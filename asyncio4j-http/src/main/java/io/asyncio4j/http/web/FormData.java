package io.asyncio4j.http.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A form a request posted ({@link Request#post()}): its fields in the order they came, a name
 * possibly repeated; a value is a {@code String}, or a {@link FileField} for an uploaded file.
 * <p>
 * Threading: immutable; any thread.
 * <p>
 * asyncio: the {@code MultiDictProxy} that aiohttp's {@code await request.post()} returns
 */
public final class FormData {
    /** One field: its name and value (a String or a FileField). */
    private record Field(String name, Object value) {
    }

    private final List<Field> fields;

    private FormData(List<Field> fields) {
        this.fields = fields;
    }

    static FormData empty() {
        return new FormData(List.of());
    }

    /** Collects fields in order (FormParser). */
    static final class Builder {
        private final List<Field> fields = new ArrayList<>();

        Builder add(String name, Object value) {
            fields.add(new Field(name, value));
            return this;
        }

        FormData build() {
            return new FormData(Collections.unmodifiableList(fields));
        }
    }

    /**
     * The first text value of {@code name}, or null (none, or only files by that name).
     * asyncio: {@code form.get(name)} (a str)
     */
    public String get(String name) {
        for (Field f : fields) {
            if (f.name.equals(name) && f.value instanceof String s) {
                return s;
            }
        }
        return null;
    }

    /** Every text value of {@code name}, in order. asyncio: {@code form.getall(name, [])} */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name.equals(name) && f.value instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    /** The first file uploaded as {@code name}, or null. asyncio: {@code form.get(name)} (a FileField) */
    public FileField file(String name) {
        for (Field f : fields) {
            if (f.name.equals(name) && f.value instanceof FileField file) {
                return file;
            }
        }
        return null;
    }

    /** Every file uploaded as {@code name}, in order. asyncio: {@code form.getall(name)} (FileFields) */
    public List<FileField> files(String name) {
        List<FileField> out = new ArrayList<>();
        for (Field f : fields) {
            if (f.name.equals(name) && f.value instanceof FileField file) {
                out.add(file);
            }
        }
        return out;
    }

    /** The field names, in order of first appearance. asyncio: {@code form.keys()} (without repeats) */
    public Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        for (Field f : fields) {
            out.add(f.name);
        }
        return out;
    }

    /** Whether a field (text or file) has that name. asyncio: {@code name in form} */
    public boolean contains(String name) {
        for (Field f : fields) {
            if (f.name.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** How many fields, repeats counted. asyncio: {@code len(form)} */
    public int size() {
        return fields.size();
    }

    /** Whether it has no field. asyncio: {@code not form} */
    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** {@code <FormData(a: 'x', f: FileField(...))>}. asyncio: {@code repr(form)} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<FormData(");
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            sb.append(i == 0 ? "" : ", ").append(f.name).append(": ")
                    .append(f.value instanceof String s ? "'" + s + "'" : f.value);
        }
        return sb.append(")>").toString();
    }
}

package org.fargatedsp.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** The keys a class declares in its static {@code Key} fields, which its documentation table must list. */
final class DeclaredKeys {
    private DeclaredKeys() {}

    /** Every key that {@code holders} declare, in the order of their fields. */
    static List<Key<?>> in(Class<?>... holders) {
        List<Key<?>> keys = new ArrayList<>();
        for (Class<?> holder : holders) {
            for (Field field : holder.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == Key.class) {
                    keys.add(read(field));
                }
            }
        }
        return keys;
    }

    /** The simple names of {@code holders}, for messages: {@code Config, BidLogConfig}. */
    static String names(Class<?>... holders) {
        List<String> names = new ArrayList<>();
        for (Class<?> holder : holders) {
            names.add(holder.getSimpleName());
        }
        return String.join(", ", names);
    }

    private static Key<?> read(Field field) {
        // A holder may keep a key private to its package; the table must list it all the same.
        if (!field.trySetAccessible()) {
            throw new IllegalStateException("cannot read " + field);
        }
        try {
            return (Key<?>) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }
}

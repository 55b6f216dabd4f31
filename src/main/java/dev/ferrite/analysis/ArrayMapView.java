package dev.ferrite.analysis;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A read-only map over key-sorted parallel arrays. States keep their cells ({@link Mem}) and locks
 * ({@link LockSet}) in arrays because millions of them are alive at once; checkers and joins still
 * read them as maps, through this view. Iteration is in key order.
 */
abstract class ArrayMapView<K, V> extends AbstractMap<K, V> {
    /** How many entries the arrays hold. */
    abstract int length();

    abstract K keyAt(int i);

    abstract V valueAt(int i);

    /** The index of the key, negative when it is absent or not of the key type. */
    abstract int indexOf(Object key);

    @Override
    public int size() {
        return length();
    }

    @Override
    public boolean isEmpty() {
        return length() == 0;
    }

    @Override
    public V get(Object key) {
        int i = indexOf(key);
        return i >= 0 ? valueAt(i) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public Collection<V> values() {
        return new AbstractList<>() {
            @Override
            public V get(int i) {
                return valueAt(i);
            }

            @Override
            public int size() {
                return length();
            }
        };
    }

    @Override
    public Set<K> keySet() {
        return new Indexed<>(this::keyAt) {
            @Override
            public boolean contains(Object o) {
                return containsKey(o);
            }
        };
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new Indexed<>(i -> new SimpleImmutableEntry<>(keyAt(i), valueAt(i)));
    }

    /** A set whose i-th element is made from index i. */
    private class Indexed<E> extends AbstractSet<E> {
        private final IntFunction<E> at;

        Indexed(IntFunction<E> at) {
            this.at = at;
        }

        @Override
        public int size() {
            return length();
        }

        @Override
        public Iterator<E> iterator() {
            return new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < length();
                }

                @Override
                public E next() {
                    if (i >= length()) throw new NoSuchElementException();
                    return at.apply(i++);
                }
            };
        }
    }
}

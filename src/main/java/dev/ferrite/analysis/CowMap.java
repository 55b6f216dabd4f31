package dev.ferrite.analysis;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An insertion-ordered map that shares its entries with its copies until one of them is changed
 * (copy-on-write): a state is copied at every fork, and most of its maps are never changed on the
 * new path. {@link #version()} changes with every change, so derived values (join keys) can be cached.
 */
final class CowMap<K, V> extends AbstractMap<K, V> {
    private LinkedHashMap<K, V> map;
    /** True when another CowMap may hold {@link #map}: it is copied before the next change. */
    private boolean shared;
    private int version;

    CowMap() {
        map = new LinkedHashMap<>();
    }

    private CowMap(LinkedHashMap<K, V> map, int version) {
        this.map = map;
        this.shared = true;
        this.version = version;
    }

    /** A copy that shares the entries until either side changes. */
    CowMap<K, V> copy() {
        shared = true;
        return new CowMap<>(map, version);
    }

    /** Changes whenever the map changes (equal versions of one map and its copies mean equal contents). */
    int version() {
        return version;
    }

    /** An unmodifiable view of the current entries that later changes of this map do not affect. */
    Map<K, V> snapshot() {
        shared = true;
        return java.util.Collections.unmodifiableMap(map);
    }

    private LinkedHashMap<K, V> own() {
        if (shared) {
            map = new LinkedHashMap<>(map);
            shared = false;
        }
        version++;
        return map;
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public V get(Object key) {
        return map.get(key);
    }

    @Override
    public V getOrDefault(Object key, V dflt) {
        return map.getOrDefault(key, dflt);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public V put(K key, V value) {
        if (value != null && map.get(key) == value) return value; // the same object: no change
        return own().put(key, value);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        if (m.isEmpty()) return;
        own().putAll(m);
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V old = map.get(key);
        if (old != null) return old;
        return own().putIfAbsent(key, value);
    }

    @Override
    public V remove(Object key) {
        if (!map.containsKey(key)) return null;
        return own().remove(key);
    }

    @Override
    public void clear() {
        if (map.isEmpty()) return;
        own().clear();
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> f) {
        V old = map.get(key);
        if (old != null) return old;
        return own().computeIfAbsent(key, f);
    }

    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> f) {
        return own().merge(key, value, f);
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super K, ? super V> action) {
        map.forEach(action);
    }

    /** Removes the entries the predicate accepts; copies only when one is removed. */
    boolean removeEntriesIf(Predicate<Map.Entry<K, V>> p) {
        boolean any = false;
        for (Map.Entry<K, V> e : map.entrySet()) {
            if (p.test(e)) {
                any = true;
                break;
            }
        }
        if (!any) return false;
        return own().entrySet().removeIf(p);
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                return new EntryIter<>(CowMap.this); // entries are never changed through setValue
            }

            @Override
            public int size() {
                return map.size();
            }

            @Override
            public boolean removeIf(Predicate<? super Map.Entry<K, V>> p) {
                return removeEntriesIf(p::test);
            }
        };
    }

    @Override
    public Set<K> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<K> iterator() {
                return new KeyIter<>(CowMap.this);
            }

            @Override
            public int size() {
                return map.size();
            }

            @Override
            public boolean contains(Object o) {
                return map.containsKey(o);
            }

            @Override
            public boolean remove(Object o) {
                if (!map.containsKey(o)) return false;
                CowMap.this.remove(o);
                return true;
            }

            @Override
            public boolean removeIf(Predicate<? super K> p) {
                return removeEntriesIf(e -> p.test(e.getKey()));
            }
        };
    }

    @Override
    public Collection<V> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<V> iterator() {
                return new ValueIter<>(CowMap.this);
            }

            @Override
            public int size() {
                return map.size();
            }

            @Override
            public boolean removeIf(Predicate<? super V> p) {
                return removeEntriesIf(e -> p.test(e.getValue()));
            }
        };
    }

    /**
     * Iterates the entries as they were when the iteration began; {@code remove} removes the last
     * key from the map (copying it first when it is shared; the iteration goes on over the old entries).
     */
    private abstract static class Iter<K, V> {
        private final CowMap<K, V> owner;
        private final Iterator<Map.Entry<K, V>> it;
        private final Map<K, V> base;
        private K last;

        Iter(CowMap<K, V> owner) {
            this.owner = owner;
            this.base = owner.map;
            this.it = owner.map.entrySet().iterator();
        }

        public final boolean hasNext() {
            return it.hasNext();
        }

        final Map.Entry<K, V> nextEntry() {
            Map.Entry<K, V> e = it.next();
            last = e.getKey();
            return e;
        }

        public final void remove() {
            if (owner.map == base && !owner.shared) {
                owner.version++;
                it.remove();
            } else {
                owner.remove(last);
            }
        }
    }

    private static final class EntryIter<K, V> extends Iter<K, V> implements Iterator<Map.Entry<K, V>> {
        EntryIter(CowMap<K, V> owner) {
            super(owner);
        }

        @Override
        public Map.Entry<K, V> next() {
            return nextEntry();
        }
    }

    private static final class KeyIter<K, V> extends Iter<K, V> implements Iterator<K> {
        KeyIter(CowMap<K, V> owner) {
            super(owner);
        }

        @Override
        public K next() {
            return nextEntry().getKey();
        }
    }

    private static final class ValueIter<K, V> extends Iter<K, V> implements Iterator<V> {
        ValueIter(CowMap<K, V> owner) {
            super(owner);
        }

        @Override
        public V next() {
            return nextEntry().getValue();
        }
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof CowMap<?, ?> c) return c.map == map || map.equals(c.map);
        return map.equals(o);
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    @Override
    public String toString() {
        return map.toString();
    }
}

package dev.ferrite.analysis;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An insertion-ordered map whose copies share their entries ({@link OrderedTrie}): a state is copied
 * at every fork, and a change to a copy (a join widening one range of hundreds) copies only the path
 * to that entry, not the map. {@link #version()} changes with every change, so derived values (join
 * keys) can be cached.
 */
final class CowMap<K, V> extends AbstractMap<K, V> {
    private OrderedTrie<K, V> map;
    private int version;

    CowMap() {
        map = new OrderedTrie<>();
    }

    private CowMap(OrderedTrie<K, V> map, int version) {
        this.map = map;
        this.version = version;
    }

    /** A copy that shares the entries; changing either side leaves the other alone. */
    CowMap<K, V> copy() {
        return new CowMap<>(map.share(), version);
    }

    /** Changes whenever the map changes (equal versions of one map and its copies mean equal contents). */
    int version() {
        return version;
    }

    /** An unmodifiable map of the current entries that later changes of this map do not affect. */
    Map<K, V> snapshot() {
        return java.util.Collections.unmodifiableMap(copy());
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.size() == 0;
    }

    @Override
    public V get(Object key) {
        OrderedTrie.Entry<K, V> e = map.find(key);
        return e == null ? null : e.value;
    }

    @Override
    public V getOrDefault(Object key, V dflt) {
        OrderedTrie.Entry<K, V> e = map.find(key);
        return e == null ? dflt : e.value;
    }

    @Override
    public boolean containsKey(Object key) {
        return map.find(key) != null;
    }

    @Override
    public V put(K key, V value) {
        OrderedTrie.Entry<K, V> old = map.find(key);
        if (old != null && value != null && old.value == value) return value; // the same object: no change
        version++;
        map.put(key, value);
        return old == null ? null : old.value;
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        if (m.isEmpty()) return;
        version++;
        for (Map.Entry<? extends K, ? extends V> e : m.entrySet()) map.put(e.getKey(), e.getValue());
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V old = get(key);
        if (old != null) return old;
        version++;
        map.put(key, value);
        return null;
    }

    @Override
    public V remove(Object key) {
        OrderedTrie.Entry<K, V> old = map.find(key);
        if (old == null) return null;
        version++;
        map.remove(key);
        return old.value;
    }

    @Override
    public void clear() {
        if (map.size() == 0) return;
        version++;
        map.clear();
    }

    @Override
    public V computeIfAbsent(K key, Function<? super K, ? extends V> f) {
        V old = get(key);
        if (old != null) return old;
        version++;
        V v = f.apply(key);
        if (v != null) map.put(key, v);
        return v;
    }

    @Override
    public V merge(K key, V value, BiFunction<? super V, ? super V, ? extends V> f) {
        version++;
        V old = get(key);
        V v = old == null ? value : f.apply(old, value);
        if (v == null) map.remove(key);
        else map.put(key, v);
        return v;
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super K, ? super V> action) {
        OrderedTrie.Cursor<K, V> c = map.cursor();
        while (c.hasNext()) {
            OrderedTrie.Entry<K, V> e = c.next();
            action.accept(e.key, e.value);
        }
    }

    /** Removes the entries the predicate accepts. */
    boolean removeEntriesIf(Predicate<Map.Entry<K, V>> p) {
        java.util.List<K> gone = null;
        OrderedTrie.Cursor<K, V> c = map.cursor();
        while (c.hasNext()) {
            OrderedTrie.Entry<K, V> e = c.next();
            if (!p.test(e)) continue;
            if (gone == null) gone = new java.util.ArrayList<>();
            gone.add(e.key);
        }
        if (gone == null) return false;
        version++;
        for (K k : gone) map.remove(k);
        return true;
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
                return CowMap.this.containsKey(o);
            }

            @Override
            public boolean remove(Object o) {
                if (!CowMap.this.containsKey(o)) return false;
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
     * key from the map (the iteration goes on over the old entries).
     */
    private abstract static class Iter<K, V> {
        private final CowMap<K, V> owner;
        private final OrderedTrie.Cursor<K, V> it;
        private K last;

        Iter(CowMap<K, V> owner) {
            this.owner = owner;
            this.it = owner.map.cursor();
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
            owner.remove(last);
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
        if (o instanceof CowMap<?, ?> c && c.map.sameNodes(map)) return true;
        return super.equals(o);
    }
}

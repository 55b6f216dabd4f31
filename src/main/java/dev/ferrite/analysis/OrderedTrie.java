package dev.ferrite.analysis;

import java.util.Map;
import java.util.Objects;

/**
 * The entries of an insertion-ordered map kept in two tries whose nodes copies share: a hash trie
 * from key to entry, and a vector (a 32-way trie indexed by insertion number) of the entries in
 * order, with holes where entries were removed. Changing a map that shares its nodes copies only the
 * few small nodes on the path to the change, so copying a large map and changing one entry no longer
 * copies every entry. Nodes the map made since it was last shared carry its edit token and are
 * changed in place. Order is that of a {@link java.util.LinkedHashMap}: new keys go last, a new value
 * for a present key keeps its place, a removed key put again goes last.
 */
final class OrderedTrie<K, V> {
    private static final int BITS = 5;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;
    private static final HashNode EMPTY = new HashNode(null, 0, new Object[0]);

    private HashNode hashRoot = EMPTY;
    private VecNode vecRoot;
    /** Levels of {@link #vecRoot} above its leaves, times {@link #BITS}. */
    private int vecShift;
    /** Vector slots in use, holes included. */
    private int length;
    private int size;
    /** The token of nodes this map may change in place (null: none, it shares all its nodes). */
    private Object edit;

    OrderedTrie() {
    }

    /** A map sharing this one's nodes; neither changes them in place afterwards. */
    OrderedTrie<K, V> share() {
        edit = null;
        OrderedTrie<K, V> c = new OrderedTrie<>();
        c.hashRoot = hashRoot;
        c.vecRoot = vecRoot;
        c.vecShift = vecShift;
        c.length = length;
        c.size = size;
        return c;
    }

    int size() {
        return size;
    }

    /** True when both hold the very same nodes (then their contents are equal). */
    boolean sameNodes(OrderedTrie<?, ?> o) {
        return hashRoot == o.hashRoot && vecRoot == o.vecRoot && length == o.length;
    }

    Entry<K, V> find(Object key) {
        int h = hash(key);
        Object node = hashRoot;
        for (int shift = 0; ; shift += BITS) {
            if (node instanceof HashNode n) {
                int bit = 1 << ((h >>> shift) & MASK);
                if ((n.bitmap & bit) == 0) return null;
                node = n.slots[Integer.bitCount(n.bitmap & (bit - 1))];
            } else if (node instanceof Entry) {
                @SuppressWarnings("unchecked")
                Entry<K, V> e = (Entry<K, V>) node;
                return e.hash == h && Objects.equals(e.key, key) ? e : null;
            } else {
                @SuppressWarnings("unchecked")
                Entry<K, V> e = (Entry<K, V>) ((Collision) node).find(key);
                return e;
            }
        }
    }

    /** Maps the key to the value (a present key keeps its place). */
    void put(K key, V value) {
        ensureEdit();
        Entry<K, V> old = find(key);
        Entry<K, V> e;
        if (old != null) {
            e = new Entry<>(key, value, old.hash, old.seq);
        } else {
            e = new Entry<>(key, value, hash(key), length);
            length++;
            size++;
        }
        hashRoot = assoc(hashRoot, 0, e);
        setAt(e.seq, e);
    }

    /** Removes the key's entry; true when there was one. */
    boolean remove(Object key) {
        Entry<K, V> old = find(key);
        if (old == null) return false;
        ensureEdit();
        HashNode r = dissoc(hashRoot, 0, old);
        hashRoot = r == null ? EMPTY : r;
        setAt(old.seq, null);
        size--;
        while (length > 0 && entryAt(length - 1) == null) length--;
        if (length > WIDTH && size * 2 < length) compact();
        return true;
    }

    void clear() {
        hashRoot = EMPTY;
        vecRoot = null;
        vecShift = 0;
        length = 0;
        size = 0;
        edit = null;
    }

    /** A cursor over the entries in order as they are now; later changes of this map do not reach it. */
    Cursor<K, V> cursor() {
        edit = null; // what the cursor reads is never changed in place
        return new Cursor<>(vecRoot, vecShift, length);
    }

    /** Walks the vector's leaves in order, skipping holes. */
    static final class Cursor<K, V> {
        private final VecNode root;
        private final int shift;
        private final int length;
        private int next;
        private Object[] leaf;

        Cursor(VecNode root, int shift, int length) {
            this.root = root;
            this.shift = shift;
            this.length = length;
            skipHoles();
        }

        boolean hasNext() {
            return next < length;
        }

        Entry<K, V> next() {
            if (next >= length) throw new java.util.NoSuchElementException();
            @SuppressWarnings("unchecked")
            Entry<K, V> e = (Entry<K, V>) leaf[next & MASK];
            next++;
            skipHoles();
            return e;
        }

        private void skipHoles() {
            for (; next < length; next++) {
                if (leaf == null || (next & MASK) == 0) leaf = leafFor(next);
                if (leaf[next & MASK] != null) return;
            }
        }

        private Object[] leafFor(int i) {
            VecNode n = root;
            for (int s = shift; s > 0; s -= BITS) n = (VecNode) n.slots[(i >>> s) & MASK];
            return n.slots;
        }
    }

    // ------------------------------------------------------------ the vector

    private Entry<K, V> entryAt(int i) {
        VecNode n = vecRoot;
        for (int s = vecShift; s > 0; s -= BITS) n = (VecNode) n.slots[(i >>> s) & MASK];
        @SuppressWarnings("unchecked")
        Entry<K, V> e = (Entry<K, V>) n.slots[i & MASK];
        return e;
    }

    private void setAt(int i, Entry<K, V> e) {
        if (vecRoot == null) vecRoot = new VecNode(edit);
        if (i >>> (vecShift + BITS) != 0) { // one level more
            VecNode up = new VecNode(edit);
            up.slots[0] = vecRoot;
            vecRoot = up;
            vecShift += BITS;
        }
        vecRoot = editable(vecRoot);
        VecNode n = vecRoot;
        for (int s = vecShift; s > 0; s -= BITS) {
            int idx = (i >>> s) & MASK;
            VecNode child = (VecNode) n.slots[idx];
            child = child == null ? new VecNode(edit) : editable(child);
            n.slots[idx] = child;
            n = child;
        }
        n.slots[i & MASK] = e;
    }

    private VecNode editable(VecNode n) {
        if (n.edit == edit) return n;
        VecNode c = new VecNode(edit);
        System.arraycopy(n.slots, 0, c.slots, 0, WIDTH);
        return c;
    }

    /** Renumbers the entries without holes (the same order). */
    private void compact() {
        Cursor<K, V> c = cursor();
        clear();
        ensureEdit();
        while (c.hasNext()) {
            Entry<K, V> e = c.next();
            Entry<K, V> n = new Entry<>(e.key, e.value, e.hash, length++);
            size++;
            hashRoot = assoc(hashRoot, 0, n);
            setAt(n.seq, n);
        }
    }

    private void ensureEdit() {
        if (edit == null) edit = new Object();
    }

    // ------------------------------------------------------------ the hash trie

    private static int hash(Object key) {
        int h = Objects.hashCode(key);
        return h ^ (h >>> 16);
    }

    private HashNode assoc(HashNode n, int shift, Entry<K, V> e) {
        int bit = 1 << ((e.hash >>> shift) & MASK);
        int idx = Integer.bitCount(n.bitmap & (bit - 1));
        if ((n.bitmap & bit) == 0) {
            Object[] s = new Object[n.slots.length + 1];
            System.arraycopy(n.slots, 0, s, 0, idx);
            s[idx] = e;
            System.arraycopy(n.slots, idx, s, idx + 1, n.slots.length - idx);
            return withSlots(n, n.bitmap | bit, s);
        }
        Object cur = n.slots[idx];
        Object repl;
        if (cur instanceof Entry<?, ?> c) {
            repl = c.hash == e.hash && Objects.equals(c.key, e.key) ? e : pair(c, e, shift + BITS);
        } else if (cur instanceof HashNode sub) {
            repl = assoc(sub, shift + BITS, e);
        } else {
            repl = ((Collision) cur).with(e);
        }
        if (repl == cur) return n;
        HashNode m = editable(n);
        m.slots[idx] = repl;
        return m;
    }

    /** A node holding two entries with different keys (hashes equal from bit 0 to {@code shift}). */
    private Object pair(Entry<?, ?> a, Entry<?, ?> b, int shift) {
        if (a.hash == b.hash) return new Collision(new Entry<?, ?>[] {a, b});
        int fa = (a.hash >>> shift) & MASK;
        int fb = (b.hash >>> shift) & MASK;
        if (fa == fb) return new HashNode(edit, 1 << fa, new Object[] {pair(a, b, shift + BITS)});
        return new HashNode(edit, (1 << fa) | (1 << fb), fa < fb ? new Object[] {a, b} : new Object[] {b, a});
    }

    /** The node without the entry (which it holds), or null when nothing is left. */
    private HashNode dissoc(HashNode n, int shift, Entry<K, V> e) {
        int bit = 1 << ((e.hash >>> shift) & MASK);
        int idx = Integer.bitCount(n.bitmap & (bit - 1));
        Object cur = n.slots[idx];
        Object repl;
        if (cur instanceof HashNode sub) repl = dissoc(sub, shift + BITS, e);
        else if (cur instanceof Collision c) repl = c.without(e.key);
        else repl = null;
        if (repl != null) {
            HashNode m = editable(n);
            m.slots[idx] = repl;
            return m;
        }
        if (n.bitmap == bit) return null;
        Object[] s = new Object[n.slots.length - 1];
        System.arraycopy(n.slots, 0, s, 0, idx);
        System.arraycopy(n.slots, idx + 1, s, idx, n.slots.length - idx - 1);
        return withSlots(n, n.bitmap & ~bit, s);
    }

    private HashNode editable(HashNode n) {
        if (n.edit == edit) return n;
        return new HashNode(edit, n.bitmap, n.slots.clone());
    }

    private HashNode withSlots(HashNode n, int bitmap, Object[] slots) {
        if (n.edit != edit) return new HashNode(edit, bitmap, slots);
        n.bitmap = bitmap;
        n.slots = slots;
        return n;
    }

    /** An entry; immutable (a new value makes a new entry at the same place). */
    static final class Entry<K, V> implements Map.Entry<K, V> {
        final K key;
        final V value;
        final int hash;
        final int seq;

        Entry(K key, V value, int hash, int seq) {
            this.key = key;
            this.value = value;
            this.hash = hash;
            this.seq = seq;
        }

        @Override
        public K getKey() {
            return key;
        }

        @Override
        public V getValue() {
            return value;
        }

        @Override
        public V setValue(V v) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> m && Objects.equals(key, m.getKey()) && Objects.equals(value, m.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(key) ^ Objects.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + value;
        }
    }

    private static final class HashNode {
        final Object edit;
        int bitmap;
        /** Entries, sub-nodes and collisions, in the order of their bits. */
        Object[] slots;

        HashNode(Object edit, int bitmap, Object[] slots) {
            this.edit = edit;
            this.bitmap = bitmap;
            this.slots = slots;
        }
    }

    /** Entries whose keys have the same full hash (never changed in place). */
    private static final class Collision {
        final Entry<?, ?>[] entries;

        Collision(Entry<?, ?>[] entries) {
            this.entries = entries;
        }

        Entry<?, ?> find(Object key) {
            for (Entry<?, ?> e : entries) if (Objects.equals(e.key, key)) return e;
            return null;
        }

        Collision with(Entry<?, ?> e) {
            for (int i = 0; i < entries.length; i++) {
                if (Objects.equals(entries[i].key, e.key)) {
                    Entry<?, ?>[] n = entries.clone();
                    n[i] = e;
                    return new Collision(n);
                }
            }
            Entry<?, ?>[] n = java.util.Arrays.copyOf(entries, entries.length + 1);
            n[entries.length] = e;
            return new Collision(n);
        }

        /** Without the key's entry: the one entry left alone, or a smaller collision. */
        Object without(Object key) {
            if (entries.length == 2) return Objects.equals(entries[0].key, key) ? entries[1] : entries[0];
            Entry<?, ?>[] n = new Entry<?, ?>[entries.length - 1];
            int j = 0;
            for (Entry<?, ?> e : entries) if (!Objects.equals(e.key, key)) n[j++] = e;
            return new Collision(n);
        }
    }

    private static final class VecNode {
        final Object edit;
        final Object[] slots = new Object[WIDTH];

        VecNode(Object edit) {
            this.edit = edit;
        }
    }
}

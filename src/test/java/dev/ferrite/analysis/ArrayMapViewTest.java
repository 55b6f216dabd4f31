package dev.ferrite.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The array view reads as the sorted map it stands for: lookups, order, equality, the iterator's end. */
class ArrayMapViewTest {
    private static ArrayMapView<String, Integer> view(String[] keys, Integer[] vals) {
        return new ArrayMapView<>() {
            @Override
            int length() {
                return keys.length;
            }

            @Override
            String keyAt(int i) {
                return keys[i];
            }

            @Override
            Integer valueAt(int i) {
                return vals[i];
            }

            @Override
            int indexOf(Object key) {
                return key instanceof String k ? Arrays.binarySearch(keys, k) : -1;
            }
        };
    }

    @Test
    void readsAsTheSortedMapOfItsArrays() {
        Map<String, Integer> v = view(new String[] {"a", "c", "e"}, new Integer[] {1, 3, 5});
        TreeMap<String, Integer> model = new TreeMap<>(Map.of("a", 1, "c", 3, "e", 5));
        assertThat(v).isEqualTo(model).hasSameHashCodeAs(model);
        assertThat(v.get("c")).isEqualTo(3);
        assertThat(v.get("b")).isNull();
        assertThat(v.get(7)).isNull();
        assertThat(v.containsKey("e")).isTrue();
        assertThat(v.containsKey("f")).isFalse();
        assertThat(v.keySet()).containsExactly("a", "c", "e");
        assertThat(v.keySet().contains("a")).isTrue();
        assertThat(v.values()).containsExactly(1, 3, 5);
        assertThat(v.entrySet()).containsExactlyElementsOf(model.entrySet());
        assertThat(v.toString()).isEqualTo(model.toString());
    }

    @Test
    void isEmptyAndEndsItsIteration() {
        Map<String, Integer> v = view(new String[0], new Integer[0]);
        assertThat(v).isEmpty();
        Iterator<Map.Entry<String, Integer>> it = v.entrySet().iterator();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void refusesChanges() {
        Map<String, Integer> v = view(new String[] {"a"}, new Integer[] {1});
        assertThatThrownBy(() -> v.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> v.entrySet().iterator().next().setValue(3))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}

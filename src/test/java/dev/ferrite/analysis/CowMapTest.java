package dev.ferrite.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shared map behaves as a LinkedHashMap (contents and order), whatever its copies do. */
class CowMapTest {
    /** A key whose hash collides often, so the hash trie's deep and collision nodes are exercised. */
    record Key(int id) {
        @Override
        public int hashCode() {
            return id % 7 == 0 ? 42 : id * 0x9E3779B1;
        }
    }

    @Test
    void copiesBehaveAsIndependentLinkedHashMaps() {
        Random rnd = new Random(1);
        List<CowMap<Key, Integer>> maps = new ArrayList<>();
        List<LinkedHashMap<Key, Integer>> models = new ArrayList<>();
        maps.add(new CowMap<>());
        models.add(new LinkedHashMap<>());
        for (int step = 0; step < 200_000; step++) {
            int i = rnd.nextInt(maps.size());
            CowMap<Key, Integer> m = maps.get(i);
            LinkedHashMap<Key, Integer> model = models.get(i);
            Key k = new Key(rnd.nextInt(step % 3 == 0 ? 40 : 3000));
            int op = rnd.nextInt(100);
            if (op < 45) {
                assertEquals(model.put(k, step), m.put(k, step));
            } else if (op < 75) {
                assertEquals(model.remove(k), m.remove(k));
            } else if (op < 78 && maps.size() < 40) {
                maps.add(m.copy());
                models.add(new LinkedHashMap<>(model));
            } else if (op < 80) {
                int mod = 2 + rnd.nextInt(5);
                m.keySet().removeIf(x -> x.id() % mod == 0);
                model.keySet().removeIf(x -> x.id() % mod == 0);
            } else if (op < 82) {
                Iterator<Map.Entry<Key, Integer>> it = m.entrySet().iterator();
                Iterator<Map.Entry<Key, Integer>> mi = model.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<Key, Integer> e = it.next();
                    assertEquals(mi.next(), e);
                    if (e.getValue() % 3 == 0) {
                        it.remove();
                        mi.remove();
                    }
                }
            } else if (op < 83) {
                m.clear();
                model.clear();
            } else {
                assertEquals(model.get(k), m.get(k));
                assertEquals(model.containsKey(k), m.containsKey(k));
            }
            if (step % 1000 == 0) {
                for (int j = 0; j < maps.size(); j++) {
                    assertEquals(new ArrayList<>(models.get(j).entrySet()), new ArrayList<>(maps.get(j).entrySet()));
                    assertEquals(models.get(j), maps.get(j));
                    assertEquals(models.get(j).hashCode(), maps.get(j).hashCode());
                }
            }
        }
    }
}

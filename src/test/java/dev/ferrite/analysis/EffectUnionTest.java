package dev.ferrite.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferrite.frontend.SourcePos;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Joining paths that differ only in lock operations (not in the join key) unions their effect lists;
 * callers replay the union in order, so it must keep each side's order.
 */
class EffectUnionTest {
    private static State.Effect lock(String op, int line) {
        return new State.Custom(Locks.EFFECT, null, op, new SourcePos("h.c", line, 2));
    }

    private static State.Effect sleep(int line) {
        return new State.Custom("may_sleep", null, null, new SourcePos("h.c", line, 2));
    }

    private static State.Effect other(int line) {
        return new State.Custom("escape", null, null, new SourcePos("h.c", line, 2));
    }

    private static State.Effects push(State.Effects list, State.Effect... effects) {
        for (State.Effect e : effects) list = new State.Effects(e, list);
        return list;
    }

    @Test
    void aReleaseAndReacquireOfTheOtherPathStayBeforeTheFinalRelease() {
        State.Effects fork = push(null, lock("acquire", 160));
        State.Effects plain = push(fork, lock("release", 209));
        State.Effects relocked = push(fork, lock("release", 171), sleep(172), lock("acquire", 173), lock("release", 209));
        List<State.Effect> expected = List.of(lock("acquire", 160), lock("release", 171), sleep(172), lock("acquire", 173),
                lock("release", 209));
        assertThat(Joins.unionEffects(plain, relocked).inOrder()).isEqualTo(expected);
        assertThat(Joins.unionEffects(relocked, plain).inOrder()).isEqualTo(expected);
    }

    @Test
    void eachSidesOwnStepsStayTogetherBeforeTheStepsBothTake() {
        // one side drops the lock around a sleep early, the other late; both end with the same release
        State.Effects fork = push(null, lock("acquire", 1));
        State.Effects late = push(fork, lock("release", 7), sleep(8), lock("acquire", 9), lock("release", 12));
        State.Effects early = push(fork, lock("release", 3), sleep(4), lock("acquire", 5), lock("release", 12));
        assertThat(Joins.unionEffects(late, early).inOrder()).containsExactly(lock("acquire", 1), lock("release", 3),
                sleep(4), lock("acquire", 5), lock("release", 7), sleep(8), lock("acquire", 9), lock("release", 12));
    }

    @Test
    void withoutLockStepsOnBothSidesTheOtherPathsEffectsFollow() {
        State.Effects fork = push(null, lock("acquire", 1));
        State.Effects a = push(fork, other(5), lock("release", 9));
        State.Effects b = push(fork, other(6));
        assertThat(Joins.unionEffects(a, b).inOrder()).containsExactly(lock("acquire", 1), other(5), lock("release", 9),
                other(6));
    }
}

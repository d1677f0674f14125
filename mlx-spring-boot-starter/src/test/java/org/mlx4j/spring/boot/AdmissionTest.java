package org.mlx4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class AdmissionTest {
    private static final Duration NOW = Duration.ofSeconds(5);

    @Test
    void admitsUpToTheLimitThenQueuesThenRefusesWith429() {
        Admission admission = new Admission(2, 1, 1000, 3);
        Admission.Permit a = admission.admit(100).block(NOW), b = admission.admit(100).block(NOW);
        List<Admission.Permit> third = new ArrayList<>();
        admission.admit(100).subscribe(third::add);
        assertThat(third).isEmpty();
        assertThat(admission.queued()).isEqualTo(1);
        assertThatThrownBy(() -> admission.admit(100).block(NOW)).isInstanceOfSatisfying(Overloaded.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfterSeconds()).isEqualTo(3);
        });
        a.release();
        a.release(); // idempotent
        assertThat(third).hasSize(1);
        assertThat(admission.active()).isEqualTo(2);
        b.release();
        third.get(0).release();
        assertThat(admission.active()).isZero();
        assertThat(admission.reserved()).isZero();
    }

    @Test
    void theMemoryBudgetLimitsAdmissionAndAnOversizedRequestIsRefused() {
        Admission admission = new Admission(10, 5, 1000, 1);
        Admission.Permit big = admission.admit(700).block(NOW);
        List<Admission.Permit> waiting = new ArrayList<>();
        admission.admit(400).subscribe(waiting::add);
        assertThat(waiting).isEmpty();
        assertThatThrownBy(() -> admission.admit(1001).block(NOW))
                .isInstanceOfSatisfying(Overloaded.class, e -> assertThat(e.status()).isEqualTo(503))
                .hasMessageContaining("1001");
        big.release();
        assertThat(waiting).hasSize(1);
        assertThat(admission.reserved()).isEqualTo(400);
    }

    @Test
    void aCancelledWaiterLeavesTheQueueAndCloseRefusesWith503() {
        Admission admission = new Admission(1, 4, 1000, 1);
        Admission.Permit running = admission.admit(1).block(NOW);
        Disposable waiter = admission.admit(1).subscribe();
        List<Throwable> refused = new ArrayList<>();
        admission.admit(1).subscribe(p -> {}, refused::add);
        assertThat(admission.queued()).isEqualTo(2);
        waiter.dispose();
        assertThat(admission.queued()).isEqualTo(1);
        admission.close();
        assertThat(refused).singleElement().isInstanceOfSatisfying(Overloaded.class, e -> assertThat(e.status()).isEqualTo(503));
        assertThatThrownBy(() -> admission.admit(1).block(NOW)).isInstanceOf(Overloaded.class);
        running.release();
        assertThat(admission.active()).isZero();
    }

    @Test
    void randomArrivalsAndReleasesNeverExceedTheLimitsAndEndEmpty() {
        Random random = new Random(1);
        Admission admission = new Admission(3, 1000, 100, 1);
        List<Admission.Permit> held = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            if (random.nextBoolean() || held.isEmpty()) admission.admit(1 + random.nextInt(60)).subscribe(held::add);
            else held.remove(random.nextInt(held.size())).release();
            assertThat(admission.active()).isLessThanOrEqualTo(3).isEqualTo(held.size());
            assertThat(admission.reserved()).isLessThanOrEqualTo(100);
        }
        while (!held.isEmpty()) held.remove(0).release();
        assertThat(admission.active()).isZero();
        assertThat(admission.queued()).isZero();
        assertThat(admission.reserved()).isZero();
    }

    @Test
    void badLimitsAreRefused() {
        assertThatThrownBy(() -> new Admission(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxActive");
    }
}

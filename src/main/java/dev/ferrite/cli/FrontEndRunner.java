package dev.ferrite.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the {@link FrontEnd} over the inputs of a run on {@code jobs} worker threads of this JVM. Results are
 * handed to the consumer (on the calling thread) in input order as soon as they and all earlier ones are
 * done, so messages come out in the same order whatever the number of jobs.
 */
final class FrontEndRunner {
    /** Deeply nested expressions (macro-expanded kernel code) need more than the default 1 MB stack. */
    static final long STACK_SIZE = 256L << 20;

    private FrontEndRunner() {
    }

    static List<FrontEndResult> run(FrontEnd fe, List<Inputs.Input> inputs, int jobs, Consumer<FrontEndResult> onResult)
            throws InterruptedException {
        int threads = Math.max(1, Math.min(jobs, inputs.size()));
        // CType's constants are instances of its nested records: two workers initializing CType and
        // CType.Ptr at once deadlock on the class-init locks, so initialize it here first
        java.util.Objects.requireNonNull(dev.ferrite.ir.CType.VOID_PTR);
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            List<Future<FrontEndResult>> futures = new ArrayList<>();
            for (Inputs.Input in : inputs) {
                if (in.command() == null) {
                    futures.add(java.util.concurrent.CompletableFuture.completedFuture(FrontEndResult.failed(null, in.name(),
                            new FrontEndResult.Failure(in.name(), 0, in.skipReason(), null))));
                } else {
                    futures.add(pool.submit(() -> fe.process(in.command(), in.name())));
                }
            }
            List<FrontEndResult> results = new ArrayList<>(inputs.size());
            for (int i = 0; i < futures.size(); i++) {
                FrontEndResult r;
                try {
                    r = futures.get(i).get();
                } catch (ExecutionException e) {
                    // FrontEnd catches what a file can throw; anything else (an Error) is an internal error
                    Throwable c = e.getCause() != null ? e.getCause() : e;
                    if (c instanceof Error err) throw err;
                    if (c instanceof RuntimeException re) throw re;
                    throw new IllegalStateException(c);
                }
                futures.set(i, null); // results are kept in the list only
                results.add(r);
                onResult.accept(r);
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, "ferrite-frontend-" + n.incrementAndGet(), STACK_SIZE);
            t.setDaemon(true);
            return t;
        };
    }
}

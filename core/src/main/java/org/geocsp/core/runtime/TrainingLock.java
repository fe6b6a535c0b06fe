package org.geocsp.core.runtime;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the forward/backward/update of training steps across threads. DJL's PyTorch
 * gradient collector is JVM-wide (a static flag: a second concurrent collector throws), so two
 * trainings in one JVM (two KNIME nodes in parallel branches) take turns step by step. The lock
 * is fair so that neither starves; everything outside the step (data assembly, validation,
 * checkpoints) runs concurrently.
 */
public final class TrainingLock {

    private static final ReentrantLock STEP = new ReentrantLock(true);

    private TrainingLock() {}

    /** Acquires the step lock; release with {@link #release()} in a finally block. */
    public static void acquire() throws InterruptedException {
        STEP.lockInterruptibly();
    }

    public static void release() {
        STEP.unlock();
    }

    /** True if the current thread holds the lock. */
    public static boolean heldByCurrentThread() {
        return STEP.isHeldByCurrentThread();
    }
}

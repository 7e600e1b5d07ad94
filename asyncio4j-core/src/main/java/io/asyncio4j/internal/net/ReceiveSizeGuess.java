package io.asyncio4j.internal.net;

/**
 * Guesses how many bytes the kernel holds for a connection's next right-sized receive (a
 * {@code read(n)} received straight into a new array of exactly that size), so that receive can
 * skip the {@code FIONREAD} ioctl that would otherwise tell it: one system call per receive, about
 * 5 % of a 10 KiB echo in C ({@code bench/epoll_echo_fresh.c}).
 * <p>
 * It learns from the receives that asked the kernel. Two shapes repeat in practice:
 * <ul>
 *   <li><b>one size</b> (period 1): a request-response protocol or an echo of messages no larger
 *       than n: two receives in a row of the same size;
 *   <li><b>two sizes in turn</b> (period 2): messages larger than n, each read as n and then the
 *       rest (a 100 KiB echo read with {@code read(65536)}: 65,536, 36,864, 65,536, ...): two
 *       receives in a row each the size of the one two before.
 * </ul>
 * A shape found, the next {@link #RECHECK_EVERY}{@code - 1} receives take the guess, and then one
 * asks the kernel again. Only receives that filled their arrays teach it: one that got less than
 * the kernel said (or than guessed) means the sizes moved, and it starts over.
 * <p>
 * A wrong guess costs little and never loses a byte. Too large: the receive gets less than the
 * array and hands out a copy of what came (the caller's rule for unzeroed arrays), and this starts
 * over. Too small: the array fills, and the rest stays in the kernel for the next poll; the byte
 * stream is the same, only cut differently, as {@code read(n)} may cut it.
 * <p>
 * States: LEARNING (no guess: {@link #guess} returns 0) → GUESSING (period 1 or 2, with
 * {@code left > 0} guesses before the next check) → LEARNING when {@code left} reaches 0 (the check)
 * or a guessed receive came up short. Threading: its transport's loop thread only.
 */
final class ReceiveSizeGuess {
    /** Guesses taken between two receives that ask the kernel. */
    static final int RECHECK_EVERY = 16;

    private int last;        // size of the latest receive that filled its array; 0 after a short one
    private int beforeLast;  // the one before it
    private int sameAsTwoBack; // receives in a row the size of the receive two before them
    private int period;      // 1 or 2 while guessing
    private int left;        // guesses left before the next check; 0: LEARNING
    private long taken;      // guessed receives so far (for tests)

    /**
     * The size to receive without asking the kernel, or 0 to ask it: while learning, or when the
     * guess is over {@code want} (the read takes at most that) or under {@code minimum}.
     */
    int guess(int want, int minimum) {
        if (left <= 0) {
            return 0;
        }
        int g = period == 1 ? last : beforeLast;
        return g <= want && g >= minimum ? g : 0;
    }

    /**
     * A right-sized receive of {@code length} bytes got {@code n}; {@code guessed}: its length came
     * from {@link #guess} (else from the kernel).
     */
    void received(int n, int length, boolean guessed) {
        if (n != length) {
            forget();
            return;
        }
        boolean repeatsLast = n == last;
        sameAsTwoBack = n == beforeLast ? sameAsTwoBack + 1 : 0;
        beforeLast = last;
        last = n;
        if (guessed) {
            taken++;
            left--;
            return;
        }
        if (repeatsLast) {
            period = 1;
            left = RECHECK_EVERY - 1;
        } else if (sameAsTwoBack >= 2) {
            period = 2;
            left = RECHECK_EVERY - 1;
        } else {
            left = 0;
        }
    }

    /** A receive that did not go the right-sized way (the scratch array): the sizes are unknown. */
    void forget() {
        last = 0;
        beforeLast = 0;
        sameAsTwoBack = 0;
        left = 0;
    }

    /** Receives so far made on a guess, without the ioctl (for tests). */
    long taken() {
        return taken;
    }

    @Override
    public String toString() {
        return "ReceiveSizeGuess[" + (left > 0 ? "GUESSING period " + period + ", " + left + " left" : "LEARNING")
                + ", last " + last + ", before " + beforeLast + "]";
    }
}

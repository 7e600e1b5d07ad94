package io.asyncio4j.internal.net;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How the right-sized receive guesses the kernel's byte count without asking it: from receives of
 * one size, or of two sizes in turn, that filled their arrays; every 16th receive asks again; a
 * receive that came up short starts the learning over. Pure logic: no socket.
 */
class ReceiveSizeGuessTest {
    private static final int WANT = 65536;
    private static final int MIN = 4096;

    /** Receives of these sizes that asked the kernel (filled their arrays). */
    private static ReceiveSizeGuess learned(int... sizes) {
        ReceiveSizeGuess g = new ReceiveSizeGuess();
        for (int n : sizes) {
            g.received(n, n, false);
        }
        return g;
    }

    @Test
    void nothingIsGuessedBeforeAnyReceive() {
        assertEquals(0, new ReceiveSizeGuess().guess(WANT, MIN));
    }

    @Test
    void oneReceiveIsNotEnoughToGuess() {
        assertEquals(0, learned(10_000).guess(WANT, MIN));
    }

    @Test
    void twoReceivesOfOneSizeMakeThatSizeTheGuess() {
        assertEquals(10_000, learned(10_000, 10_000).guess(WANT, MIN));
    }

    @Test
    void twoSizesInTurnAreGuessedInTurnOnceEachRepeatedTwice() {
        ReceiveSizeGuess g = learned(65536, 36864, 65536);
        assertEquals(0, g.guess(WANT, MIN), "one repeat is not yet a pattern");
        g.received(36864, 36864, false);
        assertEquals(65536, g.guess(WANT, MIN));
        g.received(65536, 65536, true);
        assertEquals(36864, g.guess(WANT, MIN));
        g.received(36864, 36864, true);
        assertEquals(65536, g.guess(WANT, MIN));
    }

    @Test
    void sizesThatDoNotRepeatAreNotGuessed() {
        assertEquals(0, learned(10_000, 20_000, 30_000, 40_000).guess(WANT, MIN));
    }

    @Test
    void theKernelIsAskedAgainAfterFifteenGuesses() {
        ReceiveSizeGuess g = learned(10_000, 10_000);
        for (int i = 0; i < ReceiveSizeGuess.RECHECK_EVERY - 1; i++) {
            assertEquals(10_000, g.guess(WANT, MIN), "guess " + i);
            g.received(10_000, 10_000, true);
        }
        assertEquals(0, g.guess(WANT, MIN));
        assertEquals(ReceiveSizeGuess.RECHECK_EVERY - 1, g.taken());
        g.received(10_000, 10_000, false); // the check agrees: guessing again
        assertEquals(10_000, g.guess(WANT, MIN));
    }

    @Test
    void aGuessedReceiveThatCameUpShortStopsTheGuessing() {
        ReceiveSizeGuess g = learned(10_000, 10_000);
        g.received(7_000, 10_000, true);
        assertEquals(0, g.guess(WANT, MIN));
        g.received(10_000, 10_000, false);
        assertEquals(0, g.guess(WANT, MIN), "one receive after the miss is not enough");
    }

    @Test
    void aReceiveTheKernelHeldLessForThanItSaidForgetsTheSizes() {
        ReceiveSizeGuess g = learned(10_000, 10_000);
        g.received(9_000, 10_000, false);
        g.received(10_000, 10_000, false);
        assertEquals(0, g.guess(WANT, MIN));
    }

    @Test
    void aReceiveThroughTheScratchArrayForgetsTheSizes() {
        ReceiveSizeGuess g = learned(10_000, 10_000);
        g.forget();
        assertEquals(0, g.guess(WANT, MIN));
    }

    @Test
    void aGuessLargerThanTheReadWantsIsNotTaken() {
        assertEquals(0, learned(10_000, 10_000).guess(5_000, MIN));
    }

    @Test
    void aGuessBelowTheRightSizedMinimumIsNotTaken() {
        assertEquals(0, learned(1_000, 1_000).guess(WANT, MIN));
    }

    @Test
    void toStringShowsTheState() {
        assertEquals("ReceiveSizeGuess[LEARNING, last 0, before 0]", new ReceiveSizeGuess().toString());
        assertEquals("ReceiveSizeGuess[GUESSING period 1, 15 left, last 10000, before 10000]",
                learned(10_000, 10_000).toString());
    }
}

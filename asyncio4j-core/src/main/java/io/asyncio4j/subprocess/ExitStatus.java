package io.asyncio4j.subprocess;

/**
 * Turns the JDK's exit value into asyncio's return code.
 * <p>
 * On Linux the JDK reports a child killed by signal N as {@code 128 + N} (the shells'
 * convention), while asyncio reports {@code -N}. The JDK reaps the child itself, so the real
 * wait status is gone by the time we see the value: values 129 to 192 (signals 1 to 64) are
 * therefore reported as {@code -(value - 128)}. A program that really exits with such a status
 * ({@code exit 130}) is reported as killed by the signal; the raw value stays available from
 * {@code transport.getExtraInfo("subprocess")}, the JDK's {@link java.lang.Process}.
 * <p>
 * asyncio: {@code waitstatus_to_exitcode()} in {@code unix_events}
 */
final class ExitStatus {
    /** Linux's highest signal number (SIGRTMAX). */
    static final int MAX_SIGNAL = 64;

    private ExitStatus() {
    }

    /** asyncio's returncode for the JDK's exit value. */
    static int toReturncode(int jdkExitValue) {
        if (jdkExitValue > 128 && jdkExitValue <= 128 + MAX_SIGNAL) {
            return -(jdkExitValue - 128);
        }
        return jdkExitValue;
    }

    /** The Linux number of {@code signal}. */
    static int number(io.asyncio4j.Signal signal) {
        return new sun.misc.Signal(signal.name().substring(3)).getNumber();
    }
}

package io.asyncio4j;

/**
 * The POSIX signals an event loop can handle ({@link EventLoop#addSignalHandler}). The JVM
 * keeps the others (SIGQUIT for thread dumps, SIGKILL and SIGSTOP cannot be caught at all).
 * <p>
 * asyncio: the {@code signal.SIG*} constants
 */
public enum Signal {
    /** Interrupt (Ctrl-C). asyncio: {@code signal.SIGINT} */
    SIGINT("INT"),
    /** Polite termination request. asyncio: {@code signal.SIGTERM} */
    SIGTERM("TERM"),
    /** Hang-up; daemons reload their configuration on it. asyncio: {@code signal.SIGHUP} */
    SIGHUP("HUP"),
    /** User-defined signal 1. asyncio: {@code signal.SIGUSR1} */
    SIGUSR1("USR1"),
    /** User-defined signal 2. asyncio: {@code signal.SIGUSR2} */
    SIGUSR2("USR2");

    final String jvmName;

    Signal(String jvmName) {
        this.jvmName = jvmName;
    }

    /** Sends this signal to the current process. asyncio: {@code os.kill(os.getpid(), sig)} */
    public void raise() {
        sun.misc.Signal.raise(new sun.misc.Signal(jvmName));
    }
}

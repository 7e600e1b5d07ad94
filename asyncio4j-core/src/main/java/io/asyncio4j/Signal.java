package io.asyncio4j;

/**
 * The POSIX signals an event loop can handle ({@link EventLoop#addSignalHandler}). The JVM
 * keeps the others (SIGQUIT for thread dumps, SIGKILL and SIGSTOP cannot be caught at all).
 * <p>
 * asyncio: the {@code signal.SIG*} constants
 */
public enum Signal {
    SIGINT("INT"),
    SIGTERM("TERM"),
    SIGHUP("HUP"),
    SIGUSR1("USR1"),
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

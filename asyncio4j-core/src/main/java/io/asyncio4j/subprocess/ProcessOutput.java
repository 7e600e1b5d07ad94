package io.asyncio4j.subprocess;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * What {@link Process#communicate} collected: everything the child wrote to its stdout and
 * stderr, each null when that stream was not a pipe. The arrays are not copied (equality is
 * by identity, as for every record holding arrays).
 * <p>
 * asyncio: the {@code (stdout_data, stderr_data)} tuple of {@code communicate()}
 *
 * @param stdout the bytes from stdout, or null if it was not {@link Stdio#PIPE}
 * @param stderr the bytes from stderr, or null if it was not {@link Stdio#PIPE}
 */
public record ProcessOutput(byte[] stdout, byte[] stderr) {

    /** stdout decoded as UTF-8, or null. asyncio: {@code stdout_data.decode()} */
    public String stdoutText() {
        return stdoutText(StandardCharsets.UTF_8);
    }

    /** stdout decoded with {@code cs}, or null. */
    public String stdoutText(Charset cs) {
        return stdout == null ? null : new String(stdout, cs);
    }

    /** stderr decoded as UTF-8, or null. */
    public String stderrText() {
        return stderrText(StandardCharsets.UTF_8);
    }

    /** stderr decoded with {@code cs}, or null. */
    public String stderrText(Charset cs) {
        return stderr == null ? null : new String(stderr, cs);
    }

    @Override
    public String toString() {
        return "ProcessOutput[stdout=" + (stdout == null ? "null" : stdout.length + " bytes") + ", stderr="
                + (stderr == null ? "null" : stderr.length + " bytes") + "]";
    }
}

// A shell pipeline built from processes: printf ... | sort | uniq -c, with one task per pipe
// copying one process's stdout into the next one's stdin (drain() keeps memory bounded), then
// the same pipeline run by the shell for comparison, and communicate() for a one-shot call.
import io.asyncio4j.Task;
import io.asyncio4j.streams.StreamReader;
import io.asyncio4j.streams.StreamWriter;
import io.asyncio4j.subprocess.Process;
import io.asyncio4j.subprocess.ProcessOutput;
import io.asyncio4j.subprocess.Stdio;
import io.asyncio4j.subprocess.SubprocessOptions;

import static io.asyncio4j.Asyncio.*;

/** Copies {@code from} into {@code to} until the end, then closes {@code to}: the child sees EOF. */
Task<Void> pipe(StreamReader from, StreamWriter to) {
    return createTask(() -> {
        while (true) {
            byte[] chunk = from.read(64 * 1024);
            if (chunk.length == 0) {
                break;
            }
            to.write(chunk);
            to.drain();
        }
        to.close();
    });
}

void main() {
    run(() -> {
        String words = "pear\\napple\\nfig\\napple\\npear\\napple\\n";
        SubprocessOptions out = SubprocessOptions.DEFAULT.stdout(Stdio.PIPE);
        SubprocessOptions inOut = out.stdin(Stdio.PIPE).putEnv("LC_ALL", "C");

        Process printf = createSubprocessExec(out, "printf", words);
        Process sort = createSubprocessExec(inOut, "sort");
        Process uniq = createSubprocessExec(inOut, "uniq", "-c");
        Task<Void> a = pipe(printf.stdout(), sort.stdin());
        Task<Void> b = pipe(sort.stdout(), uniq.stdin());
        for (byte[] line : uniq.stdout()) {
            System.out.print(new String(line).strip().replaceAll("\\s+", " ") + "\n");
        }
        gather(a, b);
        System.out.println("return codes: " + printf.await() + " " + sort.await() + " " + uniq.await());

        Process shell = createSubprocessShell("printf '" + words + "' | sort | uniq -c | sort -rn | head -1", out);
        System.out.println("most common: " + shell.communicate().stdoutText().strip().replaceAll("\\s+", " "));

        Process tr = createSubprocessExec(SubprocessOptions.pipes(), "tr", "a-z", "A-Z");
        ProcessOutput upper = tr.communicate("shout\n".getBytes());
        System.out.print(upper.stdoutText());
        System.out.println("stderr was " + upper.stderr().length + " bytes, return code " + tr.returncode());

        Process sleeper = createSubprocessExec("sleep", "30");
        sleeper.terminate();
        System.out.println("terminated sleep: return code " + sleeper.await());
    });
}

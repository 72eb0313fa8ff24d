package org.creditlab.results;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.creditlab.util.IoMessages;

/**
 * One writer per run folder. The lock is an operating-system lock ({@code fcntl}) on the folder's {@code .lock}
 * file, so it holds between processes on one machine and, on file systems with lock support (NFS through its lock
 * manager, Lustre and GPFS with locking enabled), between cluster nodes. The OS releases it when its holder dies,
 * however it dies, so a lock can never be left stale: a {@code .lock} file that still names an owner but is not
 * locked belonged to a process that crashed. The owner's host, pid and start time are written into the file for
 * messages. Threads of one JVM are serialised too (the OS lock is per process).
 */
public final class RunLock implements AutoCloseable {
    static final String FILE = ".lock";
    private static final Set<Path> HELD_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final String previousOwner;

    private RunLock(Path key, FileChannel channel, FileLock lock, String previousOwner) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
        this.previousOwner = previousOwner;
    }

    /**
     * Takes the lock of {@code folder}, waiting while another process or thread holds it.
     *
     * @param poll    how often to try again
     * @param notices where to say that (and for whom) it waits
     */
    public static RunLock acquire(Path folder, Duration poll, Consumer<String> notices) {
        RunStore.ensure(folder);
        Path file = folder.resolve(FILE).toAbsolutePath().normalize();
        Instant started = Instant.now();
        Instant lastNotice = null;
        while (true) {
            RunLock held = tryAcquireFile(file);
            if (held != null) {
                if (lastNotice != null) {
                    notices.accept("the lock of " + folder + " is free after "
                            + Duration.between(started, Instant.now()).toSeconds() + " s; continuing");
                }
                return held;
            }
            if (lastNotice == null || Duration.between(lastNotice, Instant.now()).toSeconds() >= 60) {
                notices.accept((lastNotice == null ? "" : "still ") + "waiting for " + folder + ": it is being written by "
                        + owner(file) + (lastNotice == null ? "; this run will be loaded or resumed when it is released"
                        : " (" + Duration.between(started, Instant.now()).toSeconds() + " s)"));
                lastNotice = Instant.now();
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(file, "interrupted while waiting for the lock of " + folder);
            }
        }
    }

    /** The lock of {@code folder} if it is free now, else null (for commands that should not wait). */
    public static RunLock tryAcquire(Path folder) {
        RunStore.ensure(folder);
        return tryAcquireFile(folder.resolve(FILE).toAbsolutePath().normalize());
    }

    /**
     * Whether a process or thread holds the lock of {@code folder} now. Unlike {@link #tryAcquire} it leaves the
     * file as it is, so a crashed holder's owner line is still reported to the next writer.
     */
    public static synchronized boolean isHeld(Path folder) {
        Path file = folder.resolve(FILE).toAbsolutePath().normalize();
        if (HELD_IN_THIS_JVM.contains(file)) {
            return true;
        }
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false; // a lock that cannot be opened is not held by a writer that could open it
        }
    }

    /** Who holds the lock of {@code folder} (for messages). */
    public static String holder(Path folder) {
        return owner(folder.resolve(FILE).toAbsolutePath().normalize());
    }

    /** The lock, or null if another process or thread holds it. */
    private static synchronized RunLock tryAcquireFile(Path file) {
        if (!HELD_IN_THIS_JVM.add(file)) {
            return null;
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                HELD_IN_THIS_JVM.remove(file);
                return null;
            }
            String previous = read(ch);
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(describeSelf().getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new RunLock(file, ch, l, previous.isBlank() ? null : previous.strip());
        } catch (IOException e) {
            closeQuietly(ch);
            HELD_IN_THIS_JVM.remove(file);
            throw new StoreException(file, "cannot lock " + IoMessages.describe(file, e) + " (the run folder must be "
                    + "writable, and on a shared file system locking must be enabled)", e);
        }
    }

    /**
     * The owner a crashed holder left in the file (host, pid, start), or null if the last holder released the lock
     * normally.
     */
    public String previousOwner() {
        return previousOwner;
    }

    /** Clears the owner and releases the lock. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases the lock in any case
        } finally {
            closeQuietly(channel);
            HELD_IN_THIS_JVM.remove(key);
        }
    }

    private static synchronized String owner(Path file) {
        // Never open the file while a thread of this JVM holds its lock: closing any descriptor of a file releases
        // all of the process's fcntl locks on it.
        if (HELD_IN_THIS_JVM.contains(file)) {
            return "another thread of this process";
        }
        try {
            String s = Files.readString(file).strip();
            return s.isEmpty() ? "another thread of this process" : s;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(ch.size(), 4096));
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    private static String describeSelf() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = System.getenv().getOrDefault("HOSTNAME", "unknown host");
        }
        return "host " + host + ", pid " + ProcessHandle.current().pid() + ", thread '" + Thread.currentThread().getName()
                + "', since " + Instant.now() + "\n";
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}

package dev.openrouter4j.cost.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openrouter4j.cost.CostEntry;
import dev.openrouter4j.cost.CostSettlement;
import dev.openrouter4j.cost.internal.EntryCodec;
import dev.openrouter4j.langchain4j.logging.Log;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

/**
 * An append-only JSON-lines ledger file: one line per entry or settlement, each ending with a CRC-32 of the rest of
 * the line, e.g.
 * <pre>
 * {"type":"entry","id":"gen-123",...,"cost":"0.00183","source":"REPORTED",...,"crc":"1c291ca3"}
 * {"type":"settlement","entryId":"gen-456","cost":"0.0004",...,"crc":"0a1b2c3d"}
 * </pre>
 * It exists for single-instance applications that need their spending to survive restarts and crashes without a
 * database. Durability follows the {@link FsyncPolicy}; an {@code append} that returned is "acknowledged" under it.
 * A line torn by a crash (no newline, or a checksum mismatch) is detected on reload, logged and skipped; it never
 * corrupts the lines around it, and appending after it starts on a fresh line. Reload ignores duplicate ids, so
 * writes are idempotent. A settlement is a new line referencing the entry's id: nothing is ever rewritten.
 * <p>
 * The file is locked exclusively while open (one writer process). Writes go through {@link RandomAccessFile} and
 * durability through {@code FileDescriptor.sync()} (fsync), so that a caller thread being interrupted can never close
 * the file under the others (as interruptible {@code FileChannel} I/O would). Thread-safe.
 */
public final class JsonLinesLedgerStore implements LedgerStore {

    private static final Log LOG = Log.of(JsonLinesLedgerStore.class);
    private static final String CRC_PREFIX = ",\"crc\":\"";
    /** {@code ,"crc":"} + 8 hex digits + {@code "}}. */
    private static final int CRC_SUFFIX_LENGTH = CRC_PREFIX.length() + 8 + 2;

    private final Path file;
    private final FsyncPolicy policy;
    private final RandomAccessFile raf;
    private final FileLock lock;
    private final Object writeLock = new Object();
    private final Object syncLock = new Object();
    private final ScheduledExecutorService syncer;
    private volatile long written;
    private volatile long synced;
    private long unsyncedEntries;
    private volatile boolean closed;

    private JsonLinesLedgerStore(Path file, FsyncPolicy policy) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
        this.policy = Objects.requireNonNull(policy, "policy");
        try {
            Path dir = this.file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            // RandomAccessFile rather than FileChannel I/O: an interrupted caller must not close the file for everyone
            this.raf = new RandomAccessFile(this.file.toFile(), "rw");
            this.lock = lockOrFail();
            long size = raf.length();
            if (size > 0 && !endsWithNewline(size)) {
                // a torn last line: start the next append on a line of its own; the fragment is skipped on reload
                raf.seek(size);
                raf.write('\n');
                raf.getFD().sync();
                LOG.warn("The ledger file {} ended with an incomplete line (a crash while writing); it is skipped",
                        this.file);
            }
            raf.seek(raf.length());
            this.written = raf.getFilePointer();
            this.synced = written;
        } catch (IOException e) {
            throw new LedgerStoreException("cannot open the ledger file " + this.file, e);
        }
        if (policy.kind() == FsyncPolicy.Kind.INTERVAL) {
            long ms = Math.max(1, policy.interval().toMillis());
            this.syncer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "openrouter4j-ledger-fsync");
                t.setDaemon(true);
                return t;
            });
            syncer.scheduleWithFixedDelay(this::syncQuietly, ms, ms, TimeUnit.MILLISECONDS);
        } else {
            this.syncer = null;
        }
    }

    /** Opens (creating it if needed) a ledger file that forces every append to disk. */
    public static JsonLinesLedgerStore open(Path file) {
        return new JsonLinesLedgerStore(file, FsyncPolicy.always());
    }

    /** Opens (creating it if needed) a ledger file with the given durability policy. */
    public static JsonLinesLedgerStore open(Path file, FsyncPolicy policy) {
        return new JsonLinesLedgerStore(file, policy);
    }

    private FileLock lockOrFail() throws IOException {
        try {
            FileLock l = raf.getChannel().tryLock();
            if (l == null) {
                raf.close();
                throw new LedgerStoreException("the ledger file " + file + " is in use by another process");
            }
            return l;
        } catch (OverlappingFileLockException e) {
            raf.close();
            throw new LedgerStoreException("the ledger file " + file + " is already open in this process", e);
        }
    }

    private boolean endsWithNewline(long size) throws IOException {
        raf.seek(size - 1);
        return raf.read() == '\n';
    }

    public Path file() {
        return file;
    }

    public FsyncPolicy policy() {
        return policy;
    }

    @Override
    public boolean append(CostEntry entry) {
        appendLine(EntryCodec.entry(entry, false));
        return true;
    }

    @Override
    public boolean appendSettlement(CostSettlement settlement) {
        appendLine(EntryCodec.settlement(settlement, false));
        return true;
    }

    private void appendLine(StringBuilder unclosedJson) {
        byte[] line = withChecksum(unclosedJson);
        long end;
        boolean syncNow;
        synchronized (writeLock) {
            ensureOpen();
            try {
                raf.write(line);
            } catch (IOException e) {
                // e.g. a full disk: cut off whatever part of the line was written, so the next append starts clean
                try {
                    raf.setLength(written);
                    raf.seek(written);
                } catch (IOException ignored) {
                    // the next reload skips the damaged line anyway (checksum)
                }
                throw new LedgerStoreException("cannot write to the ledger file " + file, e);
            }
            end = written + line.length;
            written = end;
            syncNow = switch (policy.kind()) {
                case ALWAYS -> true;
                case EVERY_N -> ++unsyncedEntries >= policy.entries();
                case INTERVAL -> false;
            };
            if (syncNow) {
                unsyncedEntries = 0;
            }
        }
        if (syncNow) {
            syncUpTo(end);
        }
    }

    /** Forces the file so that at least {@code end} bytes are durable; concurrent callers share one force. */
    private void syncUpTo(long end) {
        if (synced >= end) {
            return;
        }
        synchronized (syncLock) {
            if (synced >= end) {
                return;
            }
            long target = written;
            try {
                raf.getFD().sync();
            } catch (IOException e) {
                throw new LedgerStoreException("cannot force the ledger file " + file + " to disk", e);
            }
            synced = target;
        }
    }

    private void syncQuietly() {
        try {
            if (!closed && synced < written) {
                syncUpTo(written);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not force the ledger file {} to disk", file, e);
        }
    }

    static byte[] withChecksum(StringBuilder unclosedJson) {
        byte[] body = unclosedJson.toString().getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(body, 0, body.length);
        String hex = Long.toHexString(crc.getValue());
        byte[] suffix = (CRC_PREFIX + "0".repeat(8 - hex.length()) + hex + "\"}\n").getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[body.length + suffix.length];
        System.arraycopy(body, 0, line, 0, body.length);
        System.arraycopy(suffix, 0, line, body.length, suffix.length);
        return line;
    }

    /** The JSON of a line whose checksum holds, or null when the line is damaged. */
    static String verified(byte[] line, int offset, int length) {
        int end = offset + length;
        if (length < CRC_SUFFIX_LENGTH + 2 || line[end - 1] != '}' || line[end - 2] != '"') {
            return null;
        }
        int bodyEnd = end - CRC_SUFFIX_LENGTH;
        String suffix = new String(line, bodyEnd, CRC_SUFFIX_LENGTH, StandardCharsets.US_ASCII);
        if (!suffix.startsWith(CRC_PREFIX)) {
            return null;
        }
        long expected;
        try {
            expected = Long.parseLong(suffix.substring(CRC_PREFIX.length(), CRC_PREFIX.length() + 8), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(line, offset, bodyEnd - offset);
        if (crc.getValue() != expected) {
            return null;
        }
        return new String(line, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public LoadResult load(Visitor visitor) {
        Counts counts = new Counts();
        Set<String> entryIds = new HashSet<>();
        Set<String> settled = new HashSet<>();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            ByteArrayOutputStream pending = new ByteArrayOutputStream(1024);
            long lineNo = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') continue;
                    lineNo++;
                    if (pending.size() == 0) {
                        line(buf, from, i - from, lineNo, visitor, counts, entryIds, settled);
                    } else {
                        pending.write(buf, from, i - from);
                        byte[] whole = pending.toByteArray();
                        pending.reset();
                        line(whole, 0, whole.length, lineNo, visitor, counts, entryIds, settled);
                    }
                    from = i + 1;
                }
                pending.write(buf, from, n - from);
            }
            if (pending.size() > 0) {
                counts.skipped++;
                LOG.warn("Skipping line {} of {}: torn (no end of line; a crash while writing)", lineNo + 1, file);
            }
        } catch (IOException e) {
            throw new LedgerStoreException("cannot read the ledger file " + file, e);
        }
        return new LoadResult(counts.entries, counts.settlements, counts.skipped, counts.duplicates);
    }

    private static final class Counts {
        long entries;
        long settlements;
        long skipped;
        long duplicates;
    }

    private void line(byte[] bytes, int offset, int length, long lineNo, Visitor visitor, Counts counts,
                      Set<String> entryIds, Set<String> settled) {
        if (length == 0) {
            return;
        }
        String json = verified(bytes, offset, length);
        if (json == null) {
            counts.skipped++;
            LOG.warn("Skipping line {} of {}: damaged (checksum mismatch or torn)", lineNo, file);
            return;
        }
        try {
            JsonNode node = EntryCodec.parse(json);
            String type = node.path("type").asText();
            if (EntryCodec.TYPE_ENTRY.equals(type)) {
                CostEntry e = EntryCodec.toEntry(node);
                if (entryIds.add(e.id())) {
                    counts.entries++;
                    visitor.entry(e);
                } else {
                    counts.duplicates++;
                }
            } else if (EntryCodec.TYPE_SETTLEMENT.equals(type)) {
                CostSettlement s = EntryCodec.toSettlement(node);
                if (settled.add(s.entryId())) {
                    counts.settlements++;
                    visitor.settlement(s);
                } else {
                    counts.duplicates++;
                }
            } else {
                counts.skipped++;
                LOG.warn("Skipping line {} of {}: unknown record type '{}'", lineNo, file, type);
            }
        } catch (IOException | RuntimeException e) {
            counts.skipped++;
            LOG.warn("Skipping line {} of {}: unreadable ({})", lineNo, file, e.toString());
        }
    }

    @Override
    public void flush() {
        synchronized (writeLock) {
            if (closed) return;
            unsyncedEntries = 0;
        }
        syncUpTo(written);
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) return;
            closed = true;
        }
        if (syncer != null) {
            syncer.shutdown();
            try {
                syncer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            synchronized (syncLock) {
                raf.getFD().sync();
                synced = written;
            }
            lock.release();
            raf.close();
        } catch (IOException e) {
            throw new LedgerStoreException("cannot close the ledger file " + file, e);
        }
    }

    private void ensureOpen() {
        if (closed) throw new LedgerStoreException("the ledger file " + file + " is closed");
    }

    @Override
    public String toString() {
        return "JsonLinesLedgerStore{" + file + ", fsync=" + policy + '}';
    }
}

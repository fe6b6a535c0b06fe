package org.geocsp.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writtenFilesGetTheUsualPermissionsNotOwnerOnly() throws IOException {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain.txt")); // what the umask gives a new file
        Path out = dir.resolve("out.bin");
        AtomicFiles.write(out, os -> os.write(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(out));
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path out = dir.resolve("out.bin");
        Files.write(out, new byte[] {9});
        assertThrows(IOException.class, () -> AtomicFiles.write(out, os -> {
            os.write(new byte[] {1, 2});
            throw new IOException("disk full");
        }));
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList());
        }
    }

    @Test
    void anUnrelatedPartFileIsNeverTouchedAndTheTempIsHidden() throws IOException {
        Path out = dir.resolve("out.csv");
        Path part = Files.writeString(dir.resolve("out.csv.part"), "not ours");
        List<Path> seen = new java.util.ArrayList<>();
        AtomicFiles.write(out, os -> {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> AtomicFiles.isTempFor(out, p)).forEach(seen::add);
            }
            assertEquals(seen, List.copyOf(LiveTemps.live()).stream().map(Path::getFileName)
                    .map(dir::resolve).toList(), "the temporary file is registered for deletion on exit");
            os.write(1);
        });
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).getFileName().toString().startsWith(".out.csv."));
        assertEquals("not ours", Files.readString(part));
        assertEquals(List.of(), List.copyOf(LiveTemps.live()));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(java.util.Set.of(out, part), s.collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void concurrentWritersOfOneTargetLeaveOneCompleteOutput() throws Exception {
        Path out = dir.resolve("same.bin");
        int writers = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(writers);
        List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
        for (int w = 0; w < writers; w++) {
            byte fill = (byte) (w + 1);
            int size = 100_000 * (w + 1);
            fs.add(pool.submit(() -> {
                start.await();
                AtomicFiles.write(out, os -> {
                    byte[] chunk = new byte[1000];
                    java.util.Arrays.fill(chunk, fill);
                    for (int i = 0; i < size / chunk.length; i++) {
                        os.write(chunk);
                    }
                });
                return null;
            }));
        }
        for (var f : fs) {
            f.get();
        }
        pool.shutdown();
        byte[] got = Files.readAllBytes(out);
        byte first = got[0];
        assertEquals(100_000 * first, got.length, "length of writer " + first + "'s output");
        for (byte b : got) {
            if (b != first) {
                throw new AssertionError("mixed output: bytes of two writers");
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList());
        }
    }

    @Test
    void writeFailuresNameTheTargetNotTheTemporaryFile() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("d"));
        Path out = folder.resolve("out.csv");
        OutputFileException e = assertThrows(OutputFileException.class, () -> AtomicFiles.write(folder, new byte[1]));
        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
        Path notAFolder = Files.writeString(dir.resolve("f"), "x");
        e = assertThrows(OutputFileException.class, () -> AtomicFiles.write(notAFolder.resolve("out.csv"), new byte[1]));
        assertFalse(e.getMessage().contains(".tmp"), e.getMessage());
        AtomicFiles.write(out, "ok".getBytes());
        assertEquals("ok", Files.readString(out));
    }

    @Test
    void theExitHookDeletesTemporaryFilesStillBeingWritten() throws IOException {
        Path out = dir.resolve("interrupted.csv");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(out, os -> {
            os.write(1);
            List<Path> live = List.copyOf(LiveTemps.live());
            assertEquals(1, live.size());
            assertTrue(Files.exists(live.get(0)));
            LiveTemps.deleteAll(); // what the shutdown hook does on Ctrl-C / SIGTERM
            assertFalse(Files.exists(live.get(0)));
            throw new IllegalStateException("interrupted");
        }));
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList());
        }
    }

    @Test
    void noTemporaryFileIsCreatedOnceTheExitHookHasRun() throws IOException {
        Path out = dir.resolve("late.csv");
        Files.writeString(out, "old");
        try {
            LiveTemps.shutdown();
            OutputFileException e = assertThrows(OutputFileException.class, () -> AtomicFiles.writeString(out, "new"));
            assertTrue(e.getMessage().contains("the program is stopping"), e.getMessage());
        } finally {
            LiveTemps.reopenForTests();
        }
        assertEquals("old", Files.readString(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList());
        }
        AtomicFiles.writeString(out, "new");
        assertEquals("new", Files.readString(out));
    }

    @Test
    void aFullDiskGivesOneMessageNamingTheTarget() throws IOException {
        Path out = dir.resolve("out.png");
        Files.write(out, new byte[] {7});
        OutputFileException e = assertThrows(OutputFileException.class, () -> AtomicFiles.write(out, os -> {
            throw new java.io.UncheckedIOException(AtomicFiles.cannotWrite(out,
                    new java.nio.file.FileSystemException(dir.resolve(".out.png.123.tmp").toString(), null,
                            "No space left on device")));
        }));
        assertEquals("cannot write " + out.toAbsolutePath() + ": no space left on device", e.getMessage());
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(out));
    }
}

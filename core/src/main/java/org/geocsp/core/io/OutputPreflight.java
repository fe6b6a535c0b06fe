package org.geocsp.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The check every command runs before it reads any input or trains: each output file and folder
 * can be written, and no output is one of the inputs or another output (compared as real paths:
 * symlinks, {@code ./x} and {@code x}, hard links). Problems are reported all at once, each
 * naming its option ({@code --output}, {@code --checkpoint-dir}, ...), never a temporary file.
 *
 * <p>Nothing is created or changed by the check: a missing output folder is created when the
 * output is written (the policy of every command), so the check asks whether its nearest
 * existing ancestor is a folder in which a file can be created, by creating and deleting a hidden
 * temporary file there.
 */
public final class OutputPreflight {

    private record Named(String option, Path path) {}

    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> files = new ArrayList<>();
    private final List<Named> folders = new ArrayList<>();

    private OutputPreflight() {}

    public static OutputPreflight create() {
        return new OutputPreflight();
    }

    /** An input file or folder the outputs must not overwrite (null: not given). */
    public OutputPreflight input(String option, Path path) {
        if (path != null) {
            inputs.add(new Named(option, path));
        }
        return this;
    }

    /** An output file (null: not given). */
    public OutputPreflight outputFile(String option, Path path) {
        if (path != null) {
            files.add(new Named(option, path));
        }
        return this;
    }

    /** An output folder, e.g. of checkpoints (null: not given). */
    public OutputPreflight outputFolder(String option, Path path) {
        if (path != null) {
            folders.add(new Named(option, path));
        }
        return this;
    }

    /**
     * Runs the check.
     *
     * @throws InvalidInputException listing every problem, each naming its option
     */
    public void check() {
        List<String> problems = new ArrayList<>();
        for (Named f : files) {
            String p = fileProblem(f.path());
            if (p != null) {
                problems.add(f.option() + ": " + p);
                continue;
            }
            for (Named in : inputs) {
                if (same(f.path(), in.path())) {
                    problems.add(f.option() + " " + f.path() + " is the same file as " + in.option() + " "
                            + in.path() + ": writing it would destroy the input; choose another output file");
                }
            }
        }
        for (int i = 0; i < files.size(); i++) {
            for (int j = i + 1; j < files.size(); j++) {
                if (same(files.get(i).path(), files.get(j).path())) {
                    problems.add(files.get(j).option() + " " + files.get(j).path() + " is the same file as "
                            + files.get(i).option() + "; give each output its own file");
                }
            }
        }
        for (Named d : folders) {
            String p = folderProblem(d.path());
            if (p != null) {
                problems.add(d.option() + ": " + p);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static String fileProblem(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            return abs + " is a directory; give a file name";
        }
        if (abs.getParent() == null) {
            return abs + " is not a file name";
        }
        return writableFolderProblem(abs.getParent(), abs);
    }

    private static String folderProblem(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            return abs + " is a file, not a folder";
        }
        return writableFolderProblem(abs, abs.resolve("checkpoint"));
    }

    /** Why no file can be created in {@code dir} (created on write if missing), or null. */
    private static String writableFolderProblem(Path dir, Path target) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return "cannot create the folder " + dir;
        }
        if (!Files.isDirectory(existing)) {
            return "cannot create the folder " + dir + ": " + existing + " is a file, not a folder";
        }
        try {
            AtomicFiles.probe(existing, target);
            return null;
        } catch (IOException e) {
            Throwable c = e.getCause() instanceof IOException io ? io : e;
            String why = AtomicFiles.reason((IOException) c);
            return existing.equals(dir) ? "cannot write into the folder " + dir + ": " + why
                    : "cannot create the folder " + dir + " (" + existing + ": " + why + ")";
        }
    }

    /** True if both paths name the same file (or would, for a path that does not exist yet). */
    static boolean same(Path a, Path b) {
        if (real(a).equals(real(b))) {
            return true;
        }
        if (Files.exists(a) && Files.exists(b)) {
            try {
                return Files.isSameFile(a, b); // hard links
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** The real path, or for a file that does not exist the real parent plus the name. */
    static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            Path parent = abs.getParent();
            return parent == null ? abs : real(parent).resolve(abs.getFileName());
        }
    }
}

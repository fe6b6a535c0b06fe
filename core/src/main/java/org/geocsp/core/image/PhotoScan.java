package org.geocsp.core.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.geocsp.core.io.InvalidInputException;

/**
 * Walks a folder for photos and reads their metadata ({@link PhotoReader}). Files are visited in
 * the order of their path relative to the folder (so the output is the same on every run and file
 * system); unreadable files are collected with their reason and never stop the scan.
 */
public final class PhotoScan {

    /** The default file-name pattern: the formats whose metadata is read. */
    public static final String DEFAULT_PATTERN = "*.{jpg,jpeg,png,tif,tiff,heic,heif,webp}";

    /** What to do with photos that carry no GPS position. */
    public enum MissingLocation {
        /** Keep them with empty coordinates. */
        KEEP,
        /** Leave them out (they are still counted). */
        DROP;

        /** Parses {@code keep} or {@code drop} (any case). */
        public static MissingLocation parse(String s) {
            for (MissingLocation m : values()) {
                if (m.name().equalsIgnoreCase(s.strip())) {
                    return m;
                }
            }
            throw new InvalidInputException("missing-GPS policy '" + s + "' is not one of keep, drop");
        }
    }

    /**
     * Scan settings.
     *
     * @param folder the folder to walk
     * @param pattern a glob matched against each file name, ignoring case (e.g. {@code *.jpg})
     * @param recursive also walk sub-folders
     * @param missingLocation keep or drop photos without a position
     */
    public record Settings(Path folder, String pattern, boolean recursive, MissingLocation missingLocation) {
        public Settings {
            Objects.requireNonNull(folder, "folder");
            Objects.requireNonNull(missingLocation, "missingLocation");
            pattern = pattern == null || pattern.isBlank() ? DEFAULT_PATTERN : pattern.strip();
        }

        /** Recursive, default pattern, photos without position kept. */
        public static Settings of(Path folder) {
            return new Settings(folder, DEFAULT_PATTERN, true, MissingLocation.KEEP);
        }

        /** Every problem of the settings (folder missing, bad pattern); empty when valid. */
        public List<String> problems() {
            List<String> p = new ArrayList<>();
            if (!Files.isDirectory(folder)) {
                p.add("folder " + folder + (Files.exists(folder) ? " is not a folder" : " does not exist"));
            }
            try {
                matcher(pattern);
            } catch (IllegalArgumentException e) {
                p.add("file-name pattern '" + pattern + "' is not a valid glob (" + e.getMessage().split("\n")[0] + ")");
            }
            return p;
        }
    }

    /** A file that could not be read, with the reason. */
    public record Unreadable(Path path, String reason) {}

    /**
     * The result of a scan.
     *
     * @param photos the photos read, in scan order (without those dropped for lack of a position)
     * @param unreadable files matching the pattern that could not be read
     * @param withoutLocation photos read that carry no position (kept or dropped)
     * @param dropped photos left out for lack of a position
     */
    public record Result(List<PhotoMetadata> photos, List<Unreadable> unreadable, int withoutLocation, int dropped) {
        public Result {
            photos = List.copyOf(photos);
            unreadable = List.copyOf(unreadable);
        }

        /** One line for a log or the node's status. */
        public String summary() {
            return photos.size() + " photo(s) read, " + withoutLocation + " without GPS position"
                    + (dropped > 0 ? " (" + dropped + " dropped)" : "") + ", " + unreadable.size() + " unreadable";
        }
    }

    /** Receives progress; {@link #cancelled()} is asked before every file. */
    public interface Listener {
        /** After file {@code done} of {@code total}. */
        void progress(int done, int total, Path file);

        /** True to stop the scan with a {@link CancellationException}. */
        default boolean cancelled() {
            return false;
        }
    }

    /** A listener that does nothing. */
    public static final Listener SILENT = (done, total, file) -> {};

    private PhotoScan() {}

    /**
     * The files the scan visits: regular files whose name matches the pattern, sorted by their
     * path relative to the folder.
     *
     * @throws InvalidInputException when the settings are invalid
     */
    public static List<Path> files(Settings s) throws IOException {
        List<String> p = s.problems();
        if (!p.isEmpty()) {
            throw new InvalidInputException(p);
        }
        PathMatcher m = matcher(s.pattern());
        Path root = s.folder();
        try (Stream<Path> walk = s.recursive() ? Files.walk(root, FileVisitOption.FOLLOW_LINKS) : Files.list(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> m.matches(Path.of(f.getFileName().toString().toLowerCase(Locale.ROOT))))
                    .sorted(Comparator.comparing(f -> root.relativize(f).toString()))
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Scans the folder.
     *
     * @throws InvalidInputException when the settings are invalid
     * @throws CancellationException when the listener cancelled
     */
    public static Result scan(Settings s, Listener listener) throws IOException {
        List<Path> files = files(s);
        List<PhotoMetadata> photos = new ArrayList<>();
        List<Unreadable> bad = new ArrayList<>();
        int without = 0;
        int dropped = 0;
        for (int i = 0; i < files.size(); i++) {
            if (listener.cancelled()) {
                throw new CancellationException("photo scan cancelled after " + i + " of " + files.size() + " files");
            }
            Path f = files.get(i);
            try {
                PhotoMetadata md = PhotoReader.read(f);
                if (!md.hasLocation()) {
                    without++;
                    if (s.missingLocation() == MissingLocation.DROP) {
                        dropped++;
                        continue;
                    }
                }
                photos.add(md);
            } catch (PhotoReadException e) {
                bad.add(new Unreadable(f, e.getMessage().substring(f.toString().length() + 2)));
            } finally {
                listener.progress(i + 1, files.size(), f);
            }
        }
        return new Result(photos, bad, without, dropped);
    }

    private static PathMatcher matcher(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob.toLowerCase(Locale.ROOT));
    }
}

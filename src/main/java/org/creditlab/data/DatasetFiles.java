package org.creditlab.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.creditlab.util.IoMessages;

/**
 * Finds a dataset's files. In order: an explicit path; {@code data/<name>/} in the project; a system-wide install
 * (Debian's {@code dataset-fashion-mnist}); a download from the official source into {@code data/<name>/}. When all
 * fail, the error lists where it looked and which files to put where.
 *
 * <p>Files in {@code data/} that carry a published name are checked against the published SHA-256 (once per run);
 * every file found without an explicit path (unpacked in {@code data/}, or a system install) must hold the published
 * number and shape of images ({@code Datasets}). Files under an explicit path are the user's to vouch for. Every file is
 * still checked for format when read.
 */
final class DatasetFiles {
    /** Where a dataset was found. */
    enum Source { EXPLICIT, PROJECT, SYSTEM, DOWNLOADED }

    record Located(DatasetName name, Path directory, Source source) {}

    private static final Set<String> VERIFIED = ConcurrentHashMap.newKeySet();

    private DatasetFiles() {}

    static Located locate(DatasetName name, Path explicit, Path projectData, boolean download, PrintStream log) {
        List<String> tried = new ArrayList<>();
        if (explicit != null) {
            if (!Files.isDirectory(explicit)) {
                throw new DatasetException("the dataset path " + explicit.toAbsolutePath() + " (--data-dir, DataSpec.path) "
                        + (Files.exists(explicit) ? "is not a folder" : "does not exist") + ". " + expectation(name)
                        + " Give the folder that holds them.");
            }
            Path dir = contentFolder(name, explicit);
            List<String> missing = missing(name, dir);
            if (missing.isEmpty()) {
                return new Located(name, dir, Source.EXPLICIT);
            }
            throw new DatasetException(title(name) + " is not complete at the path given, " + explicit.toAbsolutePath()
                    + ": missing " + String.join(", ", missing) + ". " + expectation(name));
        }
        Path project = projectData.resolve(name.directory());
        Path local = contentFolder(name, project);
        List<String> missing = missing(name, local);
        if (missing.isEmpty()) {
            verifyPublished(name, project);
            return new Located(name, local, Source.PROJECT);
        }
        if (!name.isIdx() && Files.isRegularFile(project.resolve(name.downloads().get(0).name()))) {
            unpack(name, project);
            return new Located(name, contentFolder(name, project), Source.PROJECT);
        }
        tried.add(project.toAbsolutePath() + " (missing " + String.join(", ", missing) + ")");
        for (String system : name.systemDirectories()) {
            Path dir = Path.of(system);
            if (missing(name, dir).isEmpty()) {
                return new Located(name, dir, Source.SYSTEM);
            }
            tried.add(system + " (not installed" + (name == DatasetName.FASHION_MNIST
                    ? "; Debian's package dataset-fashion-mnist provides it" : "") + ")");
        }
        if (!download) {
            throw notFound(name, project, tried, "downloading is switched off");
        }
        try {
            Downloader downloader = new Downloader(log);
            for (DatasetName.RemoteFile f : name.downloads()) {
                Path target = project.resolve(f.name());
                if (!Files.isRegularFile(target)) {
                    downloader.fetch(name.baseUrl() + f.name(), target, f.sha256());
                }
            }
            if (!name.isIdx()) {
                unpack(name, project);
            }
            verifyPublished(name, project);
            return new Located(name, contentFolder(name, project), Source.DOWNLOADED);
        } catch (IOException e) {
            throw notFound(name, project, tried, "the download from " + name.baseUrl() + " failed: " + IoMessages.describe(e));
        }
    }

    /** For an IDX dataset, the path of a logical file, gzipped or raw; null if neither exists. */
    static Path idxFile(Path dir, String gzName) {
        Path gz = dir.resolve(gzName);
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(gzName.substring(0, gzName.length() - ".gz".length()));
        return Files.isRegularFile(raw) ? raw : null;
    }

    private static Path contentFolder(DatasetName name, Path dir) {
        if (name.isIdx() || dir.getFileName() != null && dir.getFileName().toString().equals(name.archiveFolder())) {
            return dir;
        }
        return dir.resolve(name.archiveFolder());
    }

    private static List<String> missing(DatasetName name, Path dir) {
        List<String> out = new ArrayList<>();
        if (name.isIdx()) {
            for (DatasetName.RemoteFile f : name.downloads()) {
                if (idxFile(dir, f.name()) == null) {
                    out.add(f.name());
                }
            }
        } else {
            List<String> files = new ArrayList<>(CifarReader.trainFiles(name));
            files.addAll(CifarReader.testFiles(name));
            for (String f : files) {
                if (!Files.isRegularFile(dir.resolve(f))) {
                    out.add(name.archiveFolder() + "/" + f);
                }
            }
        }
        return out;
    }

    private static void verifyPublished(DatasetName name, Path projectDir) {
        for (DatasetName.RemoteFile f : name.downloads()) {
            Path p = projectDir.resolve(f.name());
            if (!Files.isRegularFile(p)) {
                continue;
            }
            try {
                String key = p.toAbsolutePath() + "@" + Files.getLastModifiedTime(p).toMillis() + "#" + Files.size(p);
                if (VERIFIED.contains(key)) {
                    continue;
                }
                String actual = Downloader.sha256Of(p);
                if (!actual.equalsIgnoreCase(f.sha256())) {
                    throw new DatasetException(p + " has SHA-256 " + actual + " but the published " + f.name() + " has "
                            + f.sha256() + ": the file is corrupt or not the official one. Delete it and let CreditLab "
                            + "download it again, or pass the folder as an explicit path to use it unchecked.");
                }
                VERIFIED.add(key);
            } catch (IOException e) {
                throw unreadable(p, e);
            }
        }
    }

    private static void unpack(DatasetName name, Path projectDir) {
        DatasetName.RemoteFile archive = name.downloads().get(0);
        verifyPublished(name, projectDir);
        try {
            Downloader.extract(projectDir.resolve(archive.name()), name.archiveFolder(), projectDir.resolve(name.archiveFolder()));
        } catch (IOException e) {
            throw new DatasetException("could not unpack " + projectDir.resolve(archive.name()) + ": " + IoMessages.describe(e)
                    + ". If the archive is damaged, delete it and fetch it again; if the folder is not writable, fix its permissions.", e);
        }
    }

    /** A dataset file that exists but cannot be read: says why (permission denied, a folder, ...) and what to do. */
    static DatasetException unreadable(Path file, IOException e) {
        return new DatasetException("cannot read " + IoMessages.describe(file, e) + ". Make the file readable by this user,"
                + " or give a folder that holds a readable copy (--data-dir, DataSpec.path).", e);
    }

    private static DatasetException notFound(DatasetName name, Path project, List<String> tried, String why) {
        return new DatasetException(title(name) + " was not found. CreditLab looked in: " + String.join("; ", tried)
                + "; and " + why + ". " + expectation(name) + " Put them in " + project.toAbsolutePath()
                + "/, or pass the folder that holds them as an explicit path.");
    }

    private static String expectation(DatasetName name) {
        if (name.isIdx()) {
            return "It needs the files " + name.downloads().stream().map(DatasetName.RemoteFile::name).toList()
                    + " (gzipped as published, or unpacked without .gz), from " + name.baseUrl() + ".";
        }
        return "It needs the folder " + name.archiveFolder() + "/ unpacked from " + name.baseUrl()
                + name.downloads().get(0).name() + " (in data/" + name.directory() + "/ the archive itself will do: "
                + "CreditLab unpacks it there, but not under an explicit path).";
    }

    private static String title(DatasetName name) {
        return name.title();
    }
}

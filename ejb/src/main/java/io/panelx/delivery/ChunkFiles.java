package io.panelx.delivery;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a Feed keeps its chunks so that they reach the players' sockets by the kernel ({@code
 * sendfile}) instead of being copied out of the JVM at every write of every viewer: new anonymous
 * files, in a memory file system (tmpfs) by default. Each file is unlinked as soon as it is open,
 * so a crashed server leaves nothing behind, and its memory is freed when the Feed closes it, not
 * when a garbage collection finds a buffer.
 */
public interface ChunkFiles {

    /** A new, empty file, open for appending and reading; an IOException when there is no room. */
    FileChannel create() throws IOException;

    /** Files in {@code directory}. */
    static ChunkFiles in(Path directory) {
        return () -> {
            Path file = Files.createTempFile(directory, "panelx-feed-", ".ts");
            try {
                return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } finally {
                Files.deleteIfExists(file); // the open channel keeps it; its name is gone
            }
        };
    }
}

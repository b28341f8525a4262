package io.github.octomvn.octopus.pack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.util.HashMap;
import java.util.Map;
import org.codehaus.plexus.components.io.attributes.PlexusIoResourceAttributes;
import org.codehaus.plexus.components.io.attributes.SimpleResourceAttributes;

/**
 * The owner, group and mode a tar entry keeps of a file, read with one small attribute query per file and the names
 * looked up once per user and group ID: Plexus reads ten attributes per file (a map, a permission set and times
 * each), most of a many-file tar's garbage, and garbage grows the heap and the memory the build uses.
 *
 * <p>One per archive, on the thread that adds its files.
 */
final class FileOwners {
    private final Map<Integer, String> users = new HashMap<>();
    private final Map<Integer, String> groups = new HashMap<>();

    /** Whether the file system has owners and modes to read this way; where not, Plexus reads what there is. */
    static boolean supported(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("unix");
    }

    /** The file's user and group, by ID and name, and {@code mode}, or the file's permission bits if it is null. */
    PlexusIoResourceAttributes of(Path file, Integer mode) throws IOException {
        Map<String, Object> ids = Files.readAttributes(file, "unix:uid,gid,mode");
        int uid = (Integer) ids.get("uid");
        int gid = (Integer) ids.get("gid");
        String user = users.get(uid);
        if (user == null) {
            user = Files.getOwner(file).getName();
            users.put(uid, user);
        }
        String group = groups.get(gid);
        if (group == null) {
            group = ((GroupPrincipal) Files.getAttribute(file, "posix:group")).getName();
            groups.put(gid, group);
        }
        return new SimpleResourceAttributes(
                uid, user, gid, group, mode != null ? mode : (Integer) ids.get("mode") & 07777);
    }
}

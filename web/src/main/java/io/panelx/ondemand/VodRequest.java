package io.panelx.ondemand;

/**
 * A parsed VOD URL after its route: {@code USER/PASS/ID.EXT}. The extension is what the player took
 * from {@code container_extension}; it is checked for shape only (any short alphanumeric), the file
 * is served in its own container.
 */
record VodRequest(String username, String password, long id, String extension) {

    static VodRequest parse(String path) {
        if (path == null) return null;
        String p = path.startsWith("/") ? path.substring(1) : path;
        String[] parts = p.split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) return null;
        String id = parts[2];
        String ext = "";
        int dot = id.lastIndexOf('.');
        if (dot >= 0) {
            ext = id.substring(dot + 1);
            id = id.substring(0, dot);
            if (ext.isEmpty()
                    || ext.length() > 5
                    || !ext.chars().allMatch(Character::isLetterOrDigit)) {
                return null;
            }
        }
        if (id.isEmpty() || id.length() > 18 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        return new VodRequest(parts[0], parts[1], Long.parseLong(id), ext);
    }
}

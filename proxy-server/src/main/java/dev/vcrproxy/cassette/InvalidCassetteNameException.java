package dev.vcrproxy.cassette;

/** A cassette name that breaks the naming rule; nothing is read or written for it. */
public final class InvalidCassetteNameException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidCassetteNameException(String name, String problem) {
        this("invalid cassette name '" + shorten(name) + "': " + problem
                + " (use 1-200 characters of '/'-separated segments of [A-Za-z0-9._-], no '.' or '..')");
    }

    private InvalidCassetteNameException(String message) {
        super(message);
    }

    /** A well-formed name whose file cannot be used where it is (a link out of the folder, a case twin). */
    public static InvalidCassetteNameException unusable(String name, String problem) {
        return new InvalidCassetteNameException("cannot use cassette '" + shorten(name) + "': " + problem);
    }

    private static String shorten(String name) {
        if (name == null) {
            return "";
        }
        return name.length() <= 80 ? name : name.substring(0, 80) + "...";
    }
}

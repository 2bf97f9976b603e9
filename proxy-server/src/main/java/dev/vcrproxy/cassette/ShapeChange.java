package dev.vcrproxy.cassette;

/**
 * One way a live answer's shape differs from its recording's. {@code field} is {@code status},
 * {@code content_type}, {@code body}, {@code events} (the names of a stream's events) or {@code data}
 * (the JSON data of a stream's events named {@code event}); {@code pointer} is a path with array
 * indices as {@code *}; {@code change} is {@code added}, {@code removed}, {@code type} (for paths and
 * event names) or {@code changed} / {@code order}; {@code recorded} and {@code live} are the types
 * (or status, content type, event order) on each side, null where absent.
 */
public record ShapeChange(String field, String event, String pointer, String change, String recorded, String live) {
    public static final String ADDED = "added";
    public static final String REMOVED = "removed";
    public static final String TYPE = "type";
    public static final String CHANGED = "changed";
    public static final String ORDER = "order";

    /** One line for logs and summaries: {@code body /usage/cached_tokens: added (number)}. */
    public String describe() {
        StringBuilder where = new StringBuilder(field);
        if (event != null) {
            where.append(field.equals("data") ? " of " : " ").append(event);
        }
        if (!pointer.isEmpty()) {
            where.append(' ').append(pointer);
        }
        return where + ": " + switch (change) {
            case ADDED -> "added" + (live == null ? "" : " (" + live + ")");
            case REMOVED -> "removed" + (recorded == null ? "" : " (was " + recorded + ")");
            default -> "recorded " + recorded + ", live " + live;
        };
    }
}

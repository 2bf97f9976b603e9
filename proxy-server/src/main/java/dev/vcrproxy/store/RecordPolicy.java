package dev.vcrproxy.store;

/** How a new recording joins the recordings already stored under its key. */
public enum RecordPolicy {
    /** Added after the existing recordings of its key (record-missing). */
    APPEND,
    /** The first recording of a key in this run replaces the stored ones; later ones append (record). */
    REPLACE_ON_FIRST_USE
}

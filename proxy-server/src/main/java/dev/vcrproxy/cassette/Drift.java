package dev.vcrproxy.cassette;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a live answer with its recording by shape, not value (model text and counts vary from
 * call to call): status, media type, the body's paths and their types, and for event streams the
 * event names and the shape of each name's data. An empty list means the recording still
 * describes what the service returns.
 */
public final class Drift {
    private Drift() {
    }

    public static List<ShapeChange> compare(RecordedResponse recorded, RecordedResponse live) {
        return compare(ResponseShape.of(recorded), ResponseShape.of(live));
    }

    public static List<ShapeChange> compare(ResponseShape recorded, ResponseShape live) {
        List<ShapeChange> changes = new ArrayList<>();
        if (recorded.status() != live.status()) {
            // a different status carries a different body: its paths would only bury this line
            changes.add(new ShapeChange("status", null, "", ShapeChange.CHANGED,
                    String.valueOf(recorded.status()), String.valueOf(live.status())));
            return changes;
        }
        if (!recorded.mediaType().equals(live.mediaType())) {
            changes.add(new ShapeChange("content_type", null, "", ShapeChange.CHANGED, recorded.mediaType(), live.mediaType()));
        }
        if (recorded.isStream() != live.isStream()) {
            changes.add(new ShapeChange("body", null, "", ShapeChange.TYPE,
                    recorded.body().typeAt(""), live.body().typeAt("")));
            return changes;
        }
        if (!recorded.isStream()) {
            paths("body", null, recorded.body(), live.body(), changes);
            return changes;
        }
        events(recorded, live, changes);
        return changes;
    }

    private static void events(ResponseShape recorded, ResponseShape live, List<ShapeChange> changes) {
        Set<String> all = new LinkedHashSet<>(recorded.eventNames());
        all.addAll(live.eventNames());
        for (String name : all) {
            boolean before = recorded.eventData().containsKey(name);
            boolean now = live.eventData().containsKey(name);
            if (!before || !now) {
                changes.add(new ShapeChange("events", name, "", before ? ShapeChange.REMOVED : ShapeChange.ADDED, null, null));
            }
        }
        List<String> common = new ArrayList<>(recorded.eventNames());
        common.retainAll(live.eventNames());
        List<String> liveOrder = new ArrayList<>(live.eventNames());
        liveOrder.retainAll(recorded.eventNames());
        if (!common.equals(liveOrder)) {
            changes.add(new ShapeChange("events", null, "", ShapeChange.ORDER, String.join(" ", common), String.join(" ", liveOrder)));
        }
        for (String name : common) {
            paths("data", name, recorded.eventData().get(name), live.eventData().get(name), changes);
        }
    }

    private static void paths(String field, String event, JsonShape recorded, JsonShape live, List<ShapeChange> changes) {
        String rootBefore = recorded.typeAt("");
        String rootNow = live.typeAt("");
        if (!rootBefore.equals(rootNow) && (recorded.types().size() == 1 || live.types().size() == 1)) {
            // JSON against text, or a body against none: listing every path of the one side says no more
            changes.add(new ShapeChange(field, event, "", ShapeChange.TYPE, rootBefore, rootNow));
            return;
        }
        Set<String> pointers = new TreeSet<>(recorded.types().keySet());
        pointers.addAll(live.types().keySet());
        for (String pointer : pointers) {
            String before = recorded.typeAt(pointer);
            String now = live.typeAt(pointer);
            if (before == null) {
                if (!recorded.underEmptyContainer(pointer)) {
                    changes.add(new ShapeChange(field, event, pointer, ShapeChange.ADDED, null, now));
                }
            } else if (now == null) {
                if (!live.underEmptyContainer(pointer)) {
                    changes.add(new ShapeChange(field, event, pointer, ShapeChange.REMOVED, before, null));
                }
            } else if (!before.equals(now)) {
                changes.add(new ShapeChange(field, event, pointer, ShapeChange.TYPE, before, now));
            }
        }
    }
}

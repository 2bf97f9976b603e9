package dev.vcrproxy.admin;

import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.mode.Mode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET/PUT /__vcr/mode}: the mode, changed for the next request. */
final class ModeTask {
    private static final Logger log = LoggerFactory.getLogger(ModeTask.class);

    private ModeTask() {
    }

    static AdminResponse get(AdminRequest request, AdminContext context) {
        return answer(context.state().mode());
    }

    static AdminResponse put(AdminRequest request, AdminContext context) {
        Mode mode = Mode.parse(JsonInput.requiredString(request, "mode", "{\"mode\": \"record\"}"));
        Mode previous = context.state().setMode(mode);
        if (previous != mode) {
            log.info("mode changed: {} -> {}", previous, mode);
        }
        return answer(mode);
    }

    private static AdminResponse answer(Mode mode) {
        var body = Json.object();
        body.put("mode", mode.label());
        return AdminResponse.ok(body);
    }
}

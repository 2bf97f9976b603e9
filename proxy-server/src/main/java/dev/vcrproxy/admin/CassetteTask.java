package dev.vcrproxy.admin;

import dev.vcrproxy.cassette.CassetteName;
import dev.vcrproxy.cassette.InvalidCassetteNameException;
import dev.vcrproxy.cassette.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET/PUT /__vcr/cassette}: the cassette used when a request names none. A PUT restarts
 * that cassette's replay sequences (and the counts of its fault rules) and re-reads its file on next use.
 */
final class CassetteTask {
    private static final Logger log = LoggerFactory.getLogger(CassetteTask.class);

    private CassetteTask() {
    }

    static AdminResponse get(AdminRequest request, AdminContext context) {
        return answer(context.state().snapshot().activeCassette());
    }

    static AdminResponse put(AdminRequest request, AdminContext context) {
        String wanted = JsonInput.requiredString(request, "name", "{\"name\": \"test_parser\"}");
        CassetteName name;
        try {
            name = CassetteName.of(wanted);
        } catch (InvalidCassetteNameException e) {
            return AdminResponse.error(400, "vcr_invalid_cassette", e.getMessage());
        }
        CassetteName previous = context.state().setActiveCassette(name);
        context.sequences().reset(name);
        context.faults().reset(name);
        context.store().forget(name);
        log.info("active cassette: {} -> {}", previous, name);
        return answer(name);
    }

    private static AdminResponse answer(CassetteName name) {
        var body = Json.object();
        body.put("name", name.value());
        return AdminResponse.ok(body);
    }
}

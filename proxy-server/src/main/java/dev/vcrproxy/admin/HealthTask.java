package dev.vcrproxy.admin;

import dev.vcrproxy.cassette.Json;

/** {@code GET /__vcr/health}: alive, with the mode and version. */
final class HealthTask implements AdminTask {
    @Override
    public AdminResponse handle(AdminRequest request, AdminContext context) {
        var body = Json.object();
        body.put("status", "ok");
        body.put("mode", context.state().mode().label());
        body.put("version", context.version());
        return AdminResponse.ok(body);
    }
}

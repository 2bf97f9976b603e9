package dev.vcrproxy.admin;

import dev.vcrproxy.cassette.Json;

/** {@code GET /__vcr/health}: alive, with the mode, version and the project file in force. */
final class HealthTask implements AdminTask {
    @Override
    public AdminResponse handle(AdminRequest request, AdminContext context) {
        var body = Json.object();
        body.put("status", "ok");
        body.put("mode", context.state().mode().label());
        body.put("version", context.version());
        if (context.projectFile() != null) {
            body.put("project_file", context.projectFile());
        }
        return AdminResponse.ok(body);
    }
}

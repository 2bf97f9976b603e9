package dev.vcrproxy.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** Dispatches {@code /__vcr/...} calls to their task; writes need the admin token when one is set. */
public final class AdminRouter {
    public static final String PREFIX = "/__vcr";

    private record Key(String method, String path) {
    }

    private final Map<Key, AdminTask> tasks = Map.ofEntries(
            Map.entry(new Key("GET", "/health"), new HealthTask()),
            Map.entry(new Key("GET", "/mode"), ModeTask::get),
            Map.entry(new Key("PUT", "/mode"), ModeTask::put),
            Map.entry(new Key("GET", "/cassette"), CassetteTask::get),
            Map.entry(new Key("PUT", "/cassette"), CassetteTask::put),
            Map.entry(new Key("GET", "/stats"), new StatsTask()),
            Map.entry(new Key("GET", "/report"), new ReportTask()),
            Map.entry(new Key("GET", "/metrics"), new MetricsTask()),
            Map.entry(new Key("GET", "/faults"), FaultsTask::get),
            Map.entry(new Key("PUT", "/faults"), FaultsTask::put),
            Map.entry(new Key("DELETE", "/faults"), FaultsTask::delete));

    private final AdminContext context;
    private final byte[] token;

    public AdminRouter(AdminContext context, String adminToken) {
        this.context = context;
        this.token = adminToken == null ? null : ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
    }

    public static boolean isAdminPath(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    public AdminResponse handle(AdminRequest request) {
        String method = request.method().equals("HEAD") ? "GET" : request.method();
        AdminTask task = tasks.get(new Key(method, request.path()));
        if (task == null) {
            boolean known = tasks.keySet().stream().anyMatch(k -> k.path().equals(request.path()));
            return known
                    ? AdminResponse.error(405, "vcr_method_not_allowed", request.method() + " is not allowed on " + PREFIX + request.path())
                    : AdminResponse.error(404, "vcr_not_found", "no admin endpoint " + PREFIX + request.path()
                    + " (there are /__vcr/health, /mode, /cassette, /stats, /report, /metrics, /faults)");
        }
        if (request.isWrite() && !authorized(request.authorization())) {
            return AdminResponse.error(401, "vcr_unauthorized",
                    "admin writes need the header 'Authorization: Bearer <token>' with the proxy's --admin-token");
        }
        try {
            return task.handle(request, context);
        } catch (IllegalArgumentException e) {
            return AdminResponse.error(400, "vcr_bad_request", e.getMessage());
        }
    }

    private boolean authorized(String authorization) {
        if (token == null) {
            return true;
        }
        byte[] given = authorization == null ? new byte[0] : authorization.trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, given);
    }
}

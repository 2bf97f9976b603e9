package dev.vcrproxy.admin;

/** {@code GET /__vcr/report}: see {@link Report}. */
final class ReportTask implements AdminTask {
    @Override
    public AdminResponse handle(AdminRequest request, AdminContext context) {
        return AdminResponse.ok(Report.build(context));
    }
}

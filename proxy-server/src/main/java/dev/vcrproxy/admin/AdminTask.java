package dev.vcrproxy.admin;

/** One admin endpoint. */
@FunctionalInterface
public interface AdminTask {
    AdminResponse handle(AdminRequest request, AdminContext context);
}

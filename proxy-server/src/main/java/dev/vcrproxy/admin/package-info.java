/**
 * The admin API under {@code /__vcr/}: a route table of small tasks working on plain
 * request/response records (no Netty), guarded by the optional admin token for writes.
 */
package dev.vcrproxy.admin;

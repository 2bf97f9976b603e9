/**
 * The way to the real service: the route table (longest prefix wins), the Netty client that
 * opens one upstream connection per forwarded request (TLS with SNI and hostname verification),
 * and the handler that hands the upstream response to a listener piece by piece.
 */
package dev.vcrproxy.upstream;

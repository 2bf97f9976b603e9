/**
 * The way to the real service: the route table (longest prefix wins), the choice of an egress
 * proxy (flags, {@code *_PROXY} variables), the Netty client that sends each forwarded request over
 * a kept-alive connection or a new one (TLS with SNI and hostname verification, inside a
 * {@code CONNECT} tunnel when an egress proxy is in the way), and the handler that hands the
 * upstream response to a listener piece by piece.
 */
package dev.vcrproxy.upstream;

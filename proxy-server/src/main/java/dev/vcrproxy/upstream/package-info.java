/**
 * The way to the real service: the route table (longest prefix wins), the Netty client that sends
 * each forwarded request over a kept-alive connection or a new one (TLS with SNI and hostname
 * verification), and the handler that hands the upstream response to a listener piece by piece.
 */
package dev.vcrproxy.upstream;

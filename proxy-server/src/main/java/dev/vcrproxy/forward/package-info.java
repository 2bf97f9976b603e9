/**
 * Forward-proxy mode for clients whose URLs are hard-coded: which hosts are intercepted, the
 * proxy's own certificate authority and the leaf certificates it signs per host, TLS termination
 * inside a {@code CONNECT} tunnel, and the proxy user name that picks a cassette.
 * BouncyCastle is used here only, and loaded only when interception or the {@code ca} command is used.
 */
package dev.vcrproxy.forward;

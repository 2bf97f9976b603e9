/**
 * The proxy itself: configuration, the Netty server and its pipeline, and the frontend handler
 * that turns each client request into a replay, a recording relay, a pass-through or an error.
 */
package dev.vcrproxy.server;

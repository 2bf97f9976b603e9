/**
 * A thin client for a running vcr-proxy (JDK HttpClient + Jackson, no Netty): admin calls,
 * cassette URLs, and a JUnit 5 extension that gives each test its own cassette.
 */
package dev.vcrproxy.client;

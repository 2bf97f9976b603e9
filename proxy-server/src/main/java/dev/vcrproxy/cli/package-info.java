/** The {@code vcr-proxy} command line (picocli): serve, and the commands that talk to a running proxy. */
package dev.vcrproxy.cli;

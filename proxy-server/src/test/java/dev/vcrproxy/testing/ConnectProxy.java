package dev.vcrproxy.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A corporate egress proxy in miniature, on raw sockets: it answers {@code CONNECT host:port} with
 * 407 unless {@code Proxy-Authorization} carries its user and password, resolves host names from its
 * own table only (so a name the test machine cannot resolve still works through it), and then
 * copies bytes both ways. What it was asked is kept for assertions.
 */
public final class ConnectProxy implements AutoCloseable {
    /** One CONNECT request: its target, its Proxy-Authorization header (null if none), and the status answered. */
    public record Seen(String target, String authorization, int status) {
    }

    private final ServerSocket server;
    private final String expectedAuthorization;
    private final Map<String, Integer> hosts;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    /** {@code hosts} maps {@code host:port} targets to ports on 127.0.0.1. */
    public ConnectProxy(String user, String password, Map<String, Integer> hosts) throws IOException {
        this.expectedAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.hosts = Map.copyOf(hosts);
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "connect-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Seen> seen() {
        return seen;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String[] lines = readHead(in).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            String authorization = null;
            for (String line : lines) {
                if (line.toLowerCase(Locale.ROOT).startsWith("proxy-authorization:")) {
                    authorization = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            String target = requestLine.length > 1 ? requestLine[1] : "";
            if (!requestLine[0].equals("CONNECT")) {
                answer(client, out, target, authorization, 405, "Method Not Allowed");
            } else if (!expectedAuthorization.equals(authorization)) {
                answer(client, out, target, authorization, 407, "Proxy Authentication Required");
            } else if (!hosts.containsKey(target)) {
                answer(client, out, target, authorization, 502, "Bad Gateway");
            } else {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), hosts.get(target));
                sockets.add(upstream);
                seen.add(new Seen(target, authorization, 200));
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                start(() -> pump(upstream, client));
                pump(client, upstream);
            }
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void answer(Socket client, OutputStream out, String target, String authorization, int status, String reason)
            throws IOException {
        seen.add(new Seen(target, authorization, status));
        String extra = status == 407 ? "Proxy-Authenticate: Basic realm=\"corp\"\r\n" : "";
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\n" + extra + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        client.close();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed before the end of its request head");
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // either side went away: the tunnel ends
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void start(Runnable task) {
        Thread thread = new Thread(task, "connect-proxy-tunnel");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Stops listening and cuts every tunnel. */
    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(ConnectProxy::closeQuietly);
    }
}

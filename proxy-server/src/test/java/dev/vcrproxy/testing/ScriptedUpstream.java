package dev.vcrproxy.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 upstream on a raw socket whose connection handling a test scripts: for the n-th
 * request on the c-th connection (both from 0) the script says whether to answer and keep the
 * connection, answer and close it, close it without answering, or say nothing at all. It counts
 * connections and requests, so tests can tell a reused connection from a new one.
 */
public final class ScriptedUpstream implements AutoCloseable {
    public enum Action {
        /** Answer, keep the connection. */
        ANSWER,
        /** Answer with {@code Connection: close}, then close. */
        ANSWER_AND_CLOSE,
        /** Answer as if keeping the connection, then close it a moment later (an idle timeout). */
        ANSWER_THEN_HANG_UP,
        /** Close the connection without a word. */
        CLOSE_WITHOUT_ANSWER,
        /** Never answer. */
        SILENCE
    }

    @FunctionalInterface
    public interface Script {
        Action on(int connection, int request);
    }

    private final ServerSocket server;
    private final Script script;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    public ScriptedUpstream(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "scripted-upstream");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Bodies of the requests received so far, answered or not. */
    public List<String> requests() {
        return bodies;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                int connection = connections.getAndIncrement();
                Thread thread = new Thread(() -> serve(socket, connection), "scripted-upstream-" + connection);
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (int request = 0; ; request++) {
                String body = readRequest(in);
                if (body == null) {
                    return;
                }
                bodies.add(body);
                switch (script.on(connection, request)) {
                    case ANSWER -> answer(out, body, false);
                    case ANSWER_AND_CLOSE -> {
                        answer(out, body, true);
                        return;
                    }
                    case ANSWER_THEN_HANG_UP -> {
                        answer(out, body, false);
                        sleep(100);
                        return;
                    }
                    case CLOSE_WITHOUT_ANSWER -> {
                        return;
                    }
                    case SILENCE -> {
                        in.readAllBytes();
                        return;
                    }
                }
            }
        } catch (IOException e) {
            // the proxy went away
        }
    }

    private static void sleep(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(OutputStream out, String body, boolean close) throws IOException {
        byte[] json = ("{\"echo\": " + body + "}").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(json);
        out.flush();
    }

    /** The body of the next request, or null when the connection ends first. */
    private static String readRequest(InputStream in) throws IOException {
        int length = 0;
        String line = readLine(in);
        if (line == null) {
            return null;
        }
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(lower.substring("content-length:".length()).trim());
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII).stripTrailing();
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}

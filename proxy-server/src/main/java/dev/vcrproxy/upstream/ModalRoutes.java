package dev.vcrproxy.upstream;

import java.net.URI;
import java.util.List;

/**
 * The routes an exported {@code MODAL_ENDPOINT_URL} stands for, derived the way the Modal provider
 * derives its health URL: a label-based URL ({@code https://org--generate.modal.run}) serves
 * {@code /generate} and its {@code --health} twin {@code /health}; a URL with a path P serves P,
 * plus the {@code /health} next to it when P ends in {@code /generate}. So a client that calls
 * {@code http://proxy/generate} reaches the endpoint itself, not {@code …/generate/generate}.
 */
public final class ModalRoutes {
    private static final String GENERATE = "/generate";
    private static final String HEALTH = "/health";

    private ModalRoutes() {
    }

    public static List<Route> of(String endpointUrl) {
        URI url = URI.create(endpointUrl.trim());
        String path = url.getRawPath() == null ? "" : url.getRawPath().replaceAll("/+$", "");
        if (!path.isEmpty()) {
            Route endpoint = new Route(path, url);
            if (!path.endsWith(GENERATE)) {
                return List.of(endpoint);
            }
            String healthPath = path.substring(0, path.length() - GENERATE.length()) + HEALTH;
            return List.of(endpoint, new Route(healthPath, withPath(url, healthPath)));
        }
        String host = url.getHost() == null ? "" : url.getHost();
        int dot = host.indexOf('.');
        String label = dot < 0 ? host : host.substring(0, dot);
        if (label.contains("--generate")) {
            String healthHost = label.replace("--generate", "--health") + host.substring(label.length());
            return List.of(new Route(GENERATE, url), new Route(HEALTH, withHost(url, healthHost)));
        }
        return List.of(new Route("/", url));
    }

    private static URI withPath(URI url, String path) {
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + path);
    }

    private static URI withHost(URI url, String host) {
        String userInfo = url.getRawUserInfo() == null ? "" : url.getRawUserInfo() + "@";
        String port = url.getPort() < 0 ? "" : ":" + url.getPort();
        return URI.create(url.getScheme() + "://" + userInfo + host + port + (url.getRawPath() == null ? "" : url.getRawPath()));
    }
}

package dev.vcrproxy.server;

import io.netty.handler.codec.http.HttpHeaders;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Netty headers as the plain name/value list the cassette package works with: lower-case names, repeats kept. */
final class HeaderEntries {
    private HeaderEntries() {
    }

    static List<Map.Entry<String, String>> of(HttpHeaders headers) {
        List<Map.Entry<String, String>> out = new ArrayList<>(headers.size());
        headers.forEach(h -> out.add(new AbstractMap.SimpleImmutableEntry<>(h.getKey().toLowerCase(Locale.ROOT), h.getValue())));
        return out;
    }
}

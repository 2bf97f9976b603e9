package dev.vcrproxy.interop;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;

import java.util.ArrayList;
import java.util.List;

/** What a user's code does with google-genai: generateContent and generateContentStream. */
final class GeminiCalls {
    private GeminiCalls() {
    }

    static GenerateContentResponse generate(String baseUrl) {
        try (Client client = client(baseUrl)) {
            return withoutHttpHeaders(client.models.generateContent(GeminiWire.MODEL, "Extract the shipment: 3 crates to Oslo by Friday", null));
        }
    }

    static List<GenerateContentResponse> stream(String baseUrl) {
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (Client client = client(baseUrl);
             ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream(GeminiWire.MODEL, "Ship 3 crates to Oslo", null)) {
            stream.forEach(chunk -> chunks.add(withoutHttpHeaders(chunk)));
        }
        return chunks;
    }

    private static Client client(String baseUrl) {
        return Client.builder().apiKey(GeminiWire.API_KEY).httpOptions(HttpOptions.builder().baseUrl(baseUrl).build()).build();
    }

    /** The SDK attaches the HTTP headers to each response; the proxy's own (X-Vcr-Result: recorded, hit) differ by design. */
    private static GenerateContentResponse withoutHttpHeaders(GenerateContentResponse response) {
        return response.toBuilder().clearSdkHttpResponse().build();
    }
}

package dev.vcrproxy.interop;

import java.io.IOException;

/** One stand-in per provider, each on its own port as each provider is its own host. */
record ProviderStandIns(StandIn openAi, StandIn anthropic, StandIn gemini, StandIn modal) implements AutoCloseable {
    static ProviderStandIns start() throws IOException {
        return new ProviderStandIns(OpenAiWire.start(), AnthropicWire.start(), GeminiWire.start(), ModalWire.start());
    }

    @Override
    public void close() {
        openAi.close();
        anthropic.close();
        gemini.close();
        modal.close();
    }
}

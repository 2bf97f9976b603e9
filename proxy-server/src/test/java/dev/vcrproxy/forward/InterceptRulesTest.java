package dev.vcrproxy.forward;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterceptRulesTest {
    @Test
    void exactNamesMatchThemselvesOnlyIgnoringCaseAndATrailingDot() {
        InterceptRules rules = InterceptRules.parse(List.of("api.openai.com"));
        assertThat(rules.matches("api.openai.com")).isTrue();
        assertThat(rules.matches("API.OpenAI.com.")).isTrue();
        assertThat(rules.matches("openai.com")).isFalse();
        assertThat(rules.matches("evil-api.openai.com")).isFalse();
        assertThat(rules.matches("api.openai.com.evil.example")).isFalse();
    }

    @Test
    void aLeadingWildcardMatchesSubdomainsAtAnyDepthButNotTheApex() {
        InterceptRules rules = InterceptRules.parse(List.of("*.modal.run"));
        assertThat(rules.matches("org--generate.modal.run")).isTrue();
        assertThat(rules.matches("a.b.modal.run")).isTrue();
        assertThat(rules.matches("modal.run")).isFalse();
        assertThat(rules.matches("evilmodal.run")).isFalse();
        assertThat(rules.matches("modal.run.evil.example")).isFalse();
    }

    @Test
    void valuesAreRepeatableAndCommaSeparated() {
        InterceptRules rules = InterceptRules.parse(List.of("api.openai.com, api.anthropic.com", "*.modal.run"));
        assertThat(rules.patterns()).containsExactly("api.openai.com", "api.anthropic.com", "*.modal.run");
        assertThat(rules.matches("api.anthropic.com")).isTrue();
        assertThat(InterceptRules.parse(List.of()).isEmpty()).isTrue();
        assertThat(InterceptRules.NONE.matches("api.openai.com")).isFalse();
    }

    @Test
    void patternsThatAreNotHostNamesAreRefused() {
        for (String bad : List.of("*", "api.*.com", "https://api.openai.com", "api.openai.com:443", "*.")) {
            assertThatThrownBy(() -> InterceptRules.parse(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--intercept");
        }
    }
}

package dev.aitelemetry.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

  @Test
  void emailAddressesAreReplaced() {
    assertThat(Redactor.emailAddresses().redact("write to jane.doe+ai@mail.example.co.uk today"))
        .isEqualTo("write to [REDACTED_EMAIL] today");
  }

  @Test
  void bearerTokensAreReplacedButTheSchemeStays() {
    assertThat(Redactor.bearerTokens().redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def"))
        .isEqualTo("Authorization: Bearer [REDACTED_TOKEN]");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sk-abcdefghijklmnopqrstuvwxyz012345",
      "sk-proj-AbCdEfGhIjKlMnOpQrStUvWx_yz",
      "sk-ant-api03-abcdefghijklmnopqrstu",
      "AKIAIOSFODNN7EXAMPLE",
      "AIzaSyA1234567890abcdefghijklmnopqrstuv",
      "ghp_abcdefghijklmnopqrstuvwxyz0123456789"})
  void apiKeysAreReplaced(String key) {
    assertThat(Redactor.apiKeys().redact("key=" + key + " end")).isEqualTo("key=[REDACTED_KEY] end");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005"})
  void paymentCardNumbersPassingLuhnAreReplaced(String card) {
    assertThat(Redactor.paymentCardNumbers().redact("card " + card + ".")).isEqualTo("card [REDACTED_CARD].");
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111112", "1700000000000", "order 1234567890123"})
  void digitRunsFailingLuhnStay(String text) {
    assertThat(Redactor.paymentCardNumbers().redact(text)).isEqualTo(text);
  }

  @Test
  void defaultsApplyEveryBuiltIn() {
    String redacted = Redactor.defaults().redact(
        "a@b.io Bearer abcdefghijk sk-abcdefghijklmnopqrstuvwx 4111111111111111");

    assertThat(redacted).isEqualTo("[REDACTED_EMAIL] Bearer [REDACTED_TOKEN] [REDACTED_KEY] [REDACTED_CARD]");
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    String text = "The build took 12 minutes; see issue #4521 in release 2026.11.";
    assertThat(Redactor.defaults().redact(text)).isEqualTo(text);
  }
}

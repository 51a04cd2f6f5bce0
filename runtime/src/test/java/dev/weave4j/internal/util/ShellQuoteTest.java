package dev.weave4j.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShellQuoteTest {

  @Test
  void plainWordsAreLeftAsTheyAre() {
    assertThat(ShellQuote.quote("/tmp/.weave")).isEqualTo("/tmp/.weave");
    assertThat(ShellQuote.quote("acme/chat")).isEqualTo("acme/chat");
  }

  @Test
  void wordsWithSpacesQuotesOrEmptyAreSingleQuotedSoAShellReadsThemBack() {
    assertThat(ShellQuote.quote("my traces")).isEqualTo("'my traces'");
    assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(ShellQuote.quote("$HOME")).isEqualTo("'$HOME'");
    assertThat(ShellQuote.quote("")).isEqualTo("''");
  }
}

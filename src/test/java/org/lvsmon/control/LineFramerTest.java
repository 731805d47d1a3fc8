package org.lvsmon.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineFramerTest {
  private final List<String> seen = new ArrayList<>();
  private final LineFramer.Sink sink = new LineFramer.Sink() {
    @Override
    public void line(String line) {
      seen.add(line);
    }

    @Override
    public void tooLong() {
      seen.add("<too long>");
    }
  };

  private void feed(LineFramer f, String iso) {
    f.feed(ByteBuffer.wrap(iso.getBytes(StandardCharsets.ISO_8859_1)), sink);
  }

  @Test
  void lines_splitAtLf_keepCrAndEmptyLines() {
    LineFramer f = new LineFramer(100);
    feed(f, "version\nlist watch\r\n\nquit\n");
    assertThat(seen).containsExactly("version", "list watch\r", "", "quit");
  }

  @Test
  void partialLine_waitsForItsLf_acrossFeeds() {
    LineFramer f = new LineFramer(100);
    feed(f, "lis");
    assertThat(seen).isEmpty();
    assertThat(f.partialBytes()).isEqualTo(3);
    feed(f, "t watch\nver");
    feed(f, "sion\n");
    assertThat(seen).containsExactly("list watch", "version");
  }

  @Test
  void anyByte_decodesAsOneChar() {
    LineFramer f = new LineFramer(100);
    f.feed(ByteBuffer.wrap(new byte[] {0, (byte) 0xff, (byte) 0xc3, 0x28, '\n'}), sink);
    assertThat(seen).containsExactly("\u0000\u00ff\u00c3(");
  }

  @Test
  void lineAtTheLimit_passes() {
    LineFramer f = new LineFramer(5);
    feed(f, "12345\n");
    assertThat(seen).containsExactly("12345");
  }

  @Test
  void lineOverTheLimit_reportedOnceAtOnce_thenDiscardedUpToLf() {
    LineFramer f = new LineFramer(5);
    feed(f, "123456");
    assertThat(seen).containsExactly("<too long>");
    feed(f, "789".repeat(1000));
    assertThat(f.partialBytes()).isZero();
    feed(f, "0\nquit\n");
    assertThat(seen).containsExactly("<too long>", "quit");
  }

  @Test
  void manyLongLines_eachReportedOnce() {
    LineFramer f = new LineFramer(3);
    feed(f, "aaaaaa\nbbbbbbbb\ncc\n");
    assertThat(seen).containsExactly("<too long>", "<too long>", "cc");
  }

  @Test
  void limitBelowOne_rejected() {
    assertThatThrownBy(() -> new LineFramer(0)).hasMessageContaining("maxLineBytes").hasMessageContaining("0");
  }
}

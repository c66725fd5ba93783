package io.commitd.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdTest {
  @TempDir Path dataDir;

  @Test
  void theFirstStartNamesTheNodeAndLaterStartsKeepTheName() throws Exception {
    String first = NodeId.load(dataDir);

    assertThat(first).matches("[0-9a-f-]{36}");
    assertThat(NodeId.load(dataDir)).isEqualTo(first);
    assertThat(Files.readString(dataDir.resolve("node.id")).trim()).isEqualTo(first);
  }

  @Test
  void anEmptyFileLeftByAStoppedFirstStartGetsAName() throws Exception {
    Files.createFile(dataDir.resolve("node.id"));

    String id = NodeId.load(dataDir);

    assertThat(id).matches("[0-9a-f-]{36}");
    assertThat(NodeId.load(dataDir)).isEqualTo(id);
  }

  @Test
  void aNameAnOperatorGaveIsKeptAndABadOneRefused() throws Exception {
    Files.writeString(dataDir.resolve("node.id"), "node-a\n");
    assertThat(NodeId.load(dataDir)).isEqualTo("node-a");

    Files.writeString(dataDir.resolve("node.id"), "x".repeat(65));
    assertThatThrownBy(() -> NodeId.load(dataDir)).isInstanceOf(IOException.class).hasMessageContaining("1 to 64 characters");
  }
}

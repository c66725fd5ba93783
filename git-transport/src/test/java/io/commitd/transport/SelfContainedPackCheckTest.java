package io.commitd.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.commitd.storage.git.SelfContainedPack;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.transport.ConnectivityChecker;
import org.eclipse.jgit.transport.ConnectivityChecker.ConnectivityCheckInfo;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.junit.jupiter.api.Test;

/**
 * A push is proved connected without a walk only when its pack holds everything each new or moved
 * ref reaches; every other push is walked.
 */
class SelfContainedPackCheckTest {
  static final ObjectId HELD = ObjectId.fromString("1111111111111111111111111111111111111111");
  static final ObjectId ALSO_HELD = ObjectId.fromString("2222222222222222222222222222222222222222");
  static final ObjectId NOT_HELD = ObjectId.fromString("3333333333333333333333333333333333333333");
  static final SelfContainedPack PACK = id -> id.equals(HELD) || id.equals(ALSO_HELD);

  @Test
  void refsCreatedAndMovedToObjectsThePackHoldsAllOfNeedNoWalk() {
    List<ReceiveCommand> commands = List.of(
        new ReceiveCommand(ObjectId.zeroId(), HELD, "refs/heads/main"),
        new ReceiveCommand(NOT_HELD, ALSO_HELD, "refs/heads/topic"));

    assertThat(SelfContainedPackCheck.holdsEveryNewTip(PACK, commands)).isTrue();
  }

  @Test
  void oneRefMovedToAnObjectThePackDoesNotHoldAllOfNeedsTheWalk() {
    List<ReceiveCommand> commands = List.of(
        new ReceiveCommand(ObjectId.zeroId(), HELD, "refs/heads/main"),
        new ReceiveCommand(ObjectId.zeroId(), NOT_HELD, "refs/heads/topic"));

    assertThat(SelfContainedPackCheck.holdsEveryNewTip(PACK, commands)).isFalse();
  }

  @Test
  void deletionsAndRefsAlreadyRefusedAreNotConsidered() {
    ReceiveCommand refused = new ReceiveCommand(ObjectId.zeroId(), NOT_HELD, "refs/heads/refused");
    refused.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, "refused");
    List<ReceiveCommand> commands = List.of(
        new ReceiveCommand(HELD, ObjectId.zeroId(), "refs/heads/gone"),
        refused,
        new ReceiveCommand(ObjectId.zeroId(), HELD, "refs/heads/main"));

    assertThat(SelfContainedPackCheck.holdsEveryNewTip(PACK, commands)).isTrue();
  }

  @Test
  void aPackThatCannotTellIsWalked() throws Exception {
    List<ConnectivityCheckInfo> walked = new ArrayList<>();
    ConnectivityChecker walk = (info, haves, pm) -> walked.add(info);
    ConnectivityCheckInfo info = new ConnectivityCheckInfo();
    info.setCommands(List.of(new ReceiveCommand(ObjectId.zeroId(), HELD, "refs/heads/main")));

    new SelfContainedPackCheck(walk).checkConnectivity(info, Set.of(), NullProgressMonitor.INSTANCE);

    assertThat(walked).containsExactly(info);
  }
}

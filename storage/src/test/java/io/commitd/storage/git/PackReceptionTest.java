package io.commitd.storage.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.TooLargeObjectInPackException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PackLock;
import org.eclipse.jgit.transport.PackParser;
import org.eclipse.jgit.util.NB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a repository of {@link FileRepositoryStore} takes in a pack stream, driven the way JGit's
 * receive-pack drives it: {@code repository.newObjectInserter().newPackParser(in)}, configured,
 * {@code parse}d, then {@code flush}ed. Any parser behind {@code newPackParser} must pass these.
 *
 * <p>The tests are black-box. Packs come from C git ({@code fast-import}, {@code repack}, {@code
 * pack-objects}), or are built byte by byte where git will not write the case. Results are read
 * back through JGit's public object API and checked by C git's {@code fsck --strict} and {@code
 * verify-pack}; the files left in {@code objects/} are inspected directly.
 *
 * <p>Unless a test says otherwise the parser is set up as this server's receive-pack sets it up:
 * thin packs allowed, objects checked ({@code receive.fsckObjects}), end of stream checked after
 * the trailer (HTTP), and a lock message set.
 */
class PackReceptionTest {
  private static final String REPOSITORY = "repo-1";
  private static final byte[] NOTHING = new byte[0];
  private static final long EPOCH = 1_700_000_000L;
  private static final int COMMITS = 120;
  private static final int OLD_COMMIT = 80;
  private static final int LARGE_BLOB_BYTES = 20 * 1024 * 1024;
  private static final byte[] HELLO = "hello\n".getBytes(StandardCharsets.UTF_8);

  @TempDir static Path fixtures;

  /** A history of {@value #COMMITS} commits editing three text files a few lines at a time. */
  private static Path history;

  private static List<GitObject> historyObjects;
  /** All of the history, with deltas as OFS_DELTA (what {@code --delta-base-offset} writes). */
  private static byte[] ofsDeltaPack;
  /** All of the history, with deltas as REF_DELTA. */
  private static byte[] refDeltaPack;
  /** The history up to {@code refs/tags/old}. */
  private static byte[] oldPack;
  /** {@code main ^old}, thin: some deltas are against objects only in {@link #oldPack}. */
  private static byte[] thinPack;

  @TempDir Path root;
  private FileRepositoryStore store;
  private Path repositoryDirectory;

  @BeforeAll
  static void buildHistory() throws Exception {
    Files.createDirectories(fixtures.resolve("home"));
    git(fixtures, NOTHING, "init", "-q", "--bare", "history.git");
    history = fixtures.resolve("history.git");
    git(history, historyStream(), "fast-import", "--quiet");
    git(history, NOTHING, "-c", "pack.threads=1", "repack", "-q", "-a", "-d", "-f", "--depth=50", "--window=10");
    historyObjects = objectsOf(history);

    String old = text(git(history, NOTHING, "rev-parse", "refs/tags/old")).trim();
    String main = text(git(history, NOTHING, "rev-parse", "refs/heads/main")).trim();
    ofsDeltaPack = packObjects(history, NOTHING, "--revs", "--all", "--delta-base-offset");
    refDeltaPack = packObjects(history, NOTHING, "--revs", "--all");
    oldPack = packObjects(history, bytes(old + "\n"), "--revs", "--delta-base-offset");
    thinPack = packObjects(history, bytes(main + "\n^" + old + "\n"), "--revs", "--thin", "--delta-base-offset");
  }

  @BeforeEach
  void createRepository() throws IOException {
    store = new FileRepositoryStore(root);
    store.create(REPOSITORY);
    repositoryDirectory = store.directoryOf(REPOSITORY);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Well-formed packs

  @Test
  void aPackWithOfsDeltaChainsIsStoredAsOneVerifiedPackHoldingEveryObject() throws Exception {
    List<Entry> entries = entries(ofsDeltaPack);
    assertThat(entries).as("the pack's deltas").anyMatch(e -> e.type() == Constants.OBJ_OFS_DELTA);
    assertThat(entries).as("the pack's deltas").noneMatch(e -> e.type() == Constants.OBJ_REF_DELTA);
    assertThat(maxDeltaChain(ofsDeltaPack)).as("the longest delta chain").isGreaterThanOrEqualTo(3);
    Set<String> before = packDirectory();

    receive(ofsDeltaPack);

    String pack = assertOneNewPack(before);
    assertHoldsExactly(historyObjects);
    assertFsckPasses();
    assertVerifyPackPasses(pack);
  }

  @Test
  void aPackWithRefDeltaChainsIsStoredAsOneVerifiedPackHoldingEveryObject() throws Exception {
    List<Entry> entries = entries(refDeltaPack);
    assertThat(entries).as("the pack's deltas").anyMatch(e -> e.type() == Constants.OBJ_REF_DELTA);
    assertThat(entries).as("the pack's deltas").noneMatch(e -> e.type() == Constants.OBJ_OFS_DELTA);
    assertThat(maxDeltaChain(refDeltaPack)).as("the longest delta chain").isGreaterThanOrEqualTo(3);
    Set<String> before = packDirectory();

    receive(refDeltaPack);

    String pack = assertOneNewPack(before);
    assertHoldsExactly(historyObjects);
    assertFsckPasses();
    assertVerifyPackPasses(pack);
  }

  @Test
  void aPackArrivingInSmallIrregularReadsIsStoredWhole() throws Exception {
    Set<String> before = packDirectory();

    receive(new ShortReads(ofsDeltaPack), parser -> {});

    String pack = assertOneNewPack(before);
    assertHoldsExactly(historyObjects);
    assertFsckPasses();
    assertVerifyPackPasses(pack);
  }

  @Test
  void aThinPackIsCompletedFromObjectsTheRepositoryAlreadyHas() throws Exception {
    assertThat(entries(thinPack)).as("deltas against bases outside the pack")
        .anyMatch(e -> e.type() == Constants.OBJ_REF_DELTA);
    receive(oldPack);
    Set<String> before = packDirectory();

    receive(thinPack, parser -> parser.setAllowThin(true));

    String pack = assertOneNewPack(before);
    assertHoldsExactly(historyObjects);
    assertFsckPasses();
    // verify-pack resolves every delta within the one pack: the stored pack is not thin.
    assertVerifyPackPasses(pack);
  }

  @Test
  void aThinPackIsRefusedWhenThinPacksAreNotAllowed() throws Exception {
    receive(oldPack);
    Set<String> before = packDirectory();

    assertThrows(IOException.class, () -> receive(thinPack, parser -> parser.setAllowThin(false)));

    assertNothingAdded(before);
  }

  @Test
  void aThinPackWhoseBasesTheRepositoryLacksIsRefused() throws Exception {
    Set<String> before = packDirectory();

    assertThrows(IOException.class, () -> receive(thinPack, parser -> parser.setAllowThin(true)));

    assertNothingAdded(before);
  }

  @Test
  void anEmptyPackIsAcceptedAndAddsNoFiles() throws Exception {
    byte[] empty = packObjects(history, NOTHING);
    assertThat(entries(empty)).isEmpty();
    Set<String> before = packDirectory();

    PackLock lock = receiveLocked(new ByteArrayInputStream(empty), parser -> {});
    try {
      assertNothingAdded(before);
    } finally {
      unlock(lock);
    }
    assertNothingAdded(before);
  }

  @Test
  void aPackReceivedTwiceLeavesTheFirstCopyIntactAndEveryObjectReadable() throws Exception {
    receive(ofsDeltaPack);
    Map<String, byte[]> firstCopy = packDirectoryContents();

    receive(ofsDeltaPack);

    Map<String, byte[]> after = packDirectoryContents();
    assertThat(after.keySet()).as("objects/pack").containsAll(firstCopy.keySet());
    firstCopy.forEach((name, content) ->
        assertThat(Arrays.equals(after.get(name), content)).as("%s is unchanged", name).isTrue());
    assertThat(leftovers()).isEmpty();
    assertHoldsExactly(historyObjects);
    assertFsckPasses();
    for (String name : after.keySet()) {
      if (name.endsWith(".pack")) {
        assertVerifyPackPasses(name.substring(0, name.length() - ".pack".length()));
      }
    }
  }

  @Test
  void aLargeBlobAndADeltaAgainstItAreStoredIntact() throws Exception {
    byte[] large = new byte[LARGE_BLOB_BYTES];
    new Random(4242).nextBytes(large);
    byte[] edited = Arrays.copyOf(large, large.length + 4096);
    Arrays.fill(edited, large.length / 2, large.length / 2 + 64, (byte) 0);
    Arrays.fill(edited, large.length, edited.length, (byte) 'x');
    Path source = largeBlobHistory(large, edited);
    byte[] pack = packObjects(source, NOTHING, "--revs", "--all", "--delta-base-offset");
    assertThat(entries(pack)).as("a delta whose result is the size of the large blob or more")
        .anyMatch(e -> e.isDelta() && e.resultSize() >= LARGE_BLOB_BYTES);
    Set<String> before = packDirectory();

    receive(pack);

    String name = assertOneNewPack(before);
    assertHoldsExactly(objectsOf(source));
    assertBlobContent(blobId(large), large);
    assertBlobContent(blobId(edited), edited);
    assertFsckPasses();
    assertVerifyPackPasses(name);
  }

  @Test
  void aLockedPackKeepsAKeepFileUntilUnlocked() throws Exception {
    Set<String> before = packDirectory();

    PackLock lock = receiveLocked(new ByteArrayInputStream(ofsDeltaPack), parser -> parser.setLockMessage("test"));

    assertThat(lock).isNotNull();
    Set<String> added = added(before);
    String pack = added.stream().filter(n -> n.endsWith(".pack")).findFirst().orElseThrow();
    String base = pack.substring(0, pack.length() - ".pack".length());
    assertThat(added).containsExactlyInAnyOrder(base + ".pack", base + ".idx", base + ".keep");

    lock.unlock();

    assertThat(added(before)).containsExactlyInAnyOrder(base + ".pack", base + ".idx");
    assertHoldsExactly(historyObjects);
  }

  // ---------------------------------------------------------------------------------------------
  // Damaged streams

  @Test
  void aDamagedWholeObjectInTheMiddleOfThePackIsRefused() throws Exception {
    byte[] damaged = damageObjectData(ofsDeltaPack, false);
    Set<String> before = packDirectory();

    assertThrows(IOException.class, () -> receive(damaged));

    assertNothingAdded(before);
  }

  @Test
  void aDamagedDeltaInTheMiddleOfThePackIsRefused() throws Exception {
    byte[] damaged = damageObjectData(ofsDeltaPack, true);
    Set<String> before = packDirectory();

    assertThrows(IOException.class, () -> receive(damaged));

    assertNothingAdded(before);
  }

  @Test
  void aWrongTrailerChecksumIsRefused() throws Exception {
    byte[] damaged = ofsDeltaPack.clone();
    damaged[damaged.length - 1] ^= 0x01;
    Set<String> before = packDirectory();

    assertThrows(IOException.class, () -> receive(damaged));

    assertNothingAdded(before);
  }

  @Test
  void aTruncatedStreamIsRefusedWhereverItIsCut() throws Exception {
    Set<String> before = packDirectory();
    int[] cuts = {0, 8, 12, 13, ofsDeltaPack.length / 2, ofsDeltaPack.length - 20, ofsDeltaPack.length - 1};

    for (int cut : cuts) {
      byte[] truncated = Arrays.copyOf(ofsDeltaPack, cut);
      assertThrows(IOException.class, () -> receive(truncated), "cut after " + cut + " bytes");
      assertNothingAdded(before);
    }
  }

  @Test
  void bytesAfterTheTrailerAreRefusedWhenTheEndOfStreamIsChecked() throws Exception {
    byte[] trailed = Arrays.copyOf(ofsDeltaPack, ofsDeltaPack.length + 4);
    System.arraycopy(bytes("junk"), 0, trailed, ofsDeltaPack.length, 4);
    Set<String> before = packDirectory();

    assertThrows(IOException.class, () -> receive(trailed, parser -> parser.setCheckEofAfterPackFooter(true)));

    assertNothingAdded(before);
  }

  @Test
  void aHandBuiltPackOfABlobAndAnOfsDeltaAgainstItIsStored() throws Exception {
    byte[] base = seededText(1000);
    byte[] result = appended(base, 1000);
    PackBuilder builder = new PackBuilder();
    long baseAt = builder.whole(Constants.OBJ_BLOB, base);
    builder.ofsDelta(baseAt, appendDelta(base, result));
    Set<String> before = packDirectory();

    receive(builder.build());

    String pack = assertOneNewPack(before);
    assertHoldsExactly(List.of(blob(base), blob(result)));
    assertFsckPasses();
    assertVerifyPackPasses(pack);
  }

  @Test
  void anOfsDeltaWhoseBaseLiesBeforeTheStartOfThePackIsRefused() throws Exception {
    byte[] base = seededText(1000);
    PackBuilder builder = new PackBuilder();
    builder.whole(Constants.OBJ_BLOB, base);
    builder.ofsDeltaAtDistance(builder.position() + 5, appendDelta(base, appended(base, 100)));
    Set<String> before = packDirectory();

    assertThrows(IOException.class, () -> receive(builder.build()));

    assertNothingAdded(before);
  }

  @Test
  void anOfsDeltaWhoseBaseIsNotTheStartOfAnObjectIsRefused() throws Exception {
    byte[] base = seededText(1000);
    PackBuilder builder = new PackBuilder();
    long baseAt = builder.whole(Constants.OBJ_BLOB, base);
    builder.ofsDelta(baseAt + 1, appendDelta(base, appended(base, 100)));
    Set<String> before = packDirectory();

    assertThrows(IOException.class, () -> receive(builder.build()));

    assertNothingAdded(before);
  }

  @Test
  void anOfsDeltaThatIsItsOwnBaseIsRefused() throws Exception {
    byte[] base = seededText(1000);
    PackBuilder builder = new PackBuilder();
    builder.whole(Constants.OBJ_BLOB, base);
    builder.ofsDeltaAtDistance(0, appendDelta(base, appended(base, 100)));
    Set<String> before = packDirectory();

    assertThrows(IOException.class, () -> receive(builder.build()));

    assertNothingAdded(before);
  }

  // ---------------------------------------------------------------------------------------------
  // Object checking

  @Test
  void withAnObjectCheckerATreeWithDuplicateEntryNamesIsRefused() throws Exception {
    byte[] pack = packOf(treeNamingHello("a", "a"));
    Set<String> before = packDirectory();

    IOException thrown = assertThrows(IOException.class,
        () -> receive(pack, parser -> parser.setObjectChecker(new ObjectChecker())));

    assertThat(corruptionIn(thrown).getErrorType()).isEqualTo(ObjectChecker.ErrorType.DUPLICATE_ENTRIES);
    assertNothingAdded(before);
  }

  @Test
  void withAnObjectCheckerATreeWithADotGitEntryIsRefused() throws Exception {
    byte[] pack = packOf(treeNamingHello(".git"));
    Set<String> before = packDirectory();

    IOException thrown = assertThrows(IOException.class,
        () -> receive(pack, parser -> parser.setObjectChecker(new ObjectChecker())));

    assertThat(corruptionIn(thrown).getErrorType()).isEqualTo(ObjectChecker.ErrorType.HAS_DOTGIT);
    assertNothingAdded(before);
  }

  @Test
  void withoutAnObjectCheckerTheSameMalformedTreeIsStoredAsIs() throws Exception {
    Map<GitObject, byte[]> objects = treeNamingHello("a", "a");
    byte[] pack = packOf(objects);
    Set<String> before = packDirectory();

    receive(pack, parser -> parser.setObjectChecker(null));

    String name = assertOneNewPack(before);
    assertHoldsExactly(List.copyOf(objects.keySet()));
    assertVerifyPackPasses(name);
  }

  // ---------------------------------------------------------------------------------------------
  // Object size limit

  @Test
  void aWholeBlobLargerThanTheSizeLimitIsRefused() throws Exception {
    PackBuilder builder = new PackBuilder();
    builder.whole(Constants.OBJ_BLOB, seededText(1000));
    Set<String> before = packDirectory();

    assertThrows(TooLargeObjectInPackException.class,
        () -> receive(builder.build(), parser -> parser.setMaxObjectSizeLimit(999)));

    assertNothingAdded(before);
  }

  @Test
  void aWholeBlobExactlyAtTheSizeLimitIsAccepted() throws Exception {
    byte[] blob = seededText(1000);
    PackBuilder builder = new PackBuilder();
    builder.whole(Constants.OBJ_BLOB, blob);
    Set<String> before = packDirectory();

    receive(builder.build(), parser -> parser.setMaxObjectSizeLimit(1000));

    assertOneNewPack(before);
    assertHoldsExactly(List.of(blob(blob)));
  }

  @Test
  void aBlobResolvedFromADeltaLargerThanTheSizeLimitIsRefused() throws Exception {
    byte[] base = seededText(1000);
    byte[] delta = appendDelta(base, appended(base, 1000));
    assertThat(delta.length).as("the delta itself is within the limit").isLessThan(1999);
    PackBuilder builder = new PackBuilder();
    builder.ofsDelta(builder.whole(Constants.OBJ_BLOB, base), delta);
    Set<String> before = packDirectory();

    assertThrows(TooLargeObjectInPackException.class,
        () -> receive(builder.build(), parser -> parser.setMaxObjectSizeLimit(1999)));

    assertNothingAdded(before);
  }

  @Test
  void aBlobResolvedFromADeltaExactlyAtTheSizeLimitIsAccepted() throws Exception {
    byte[] base = seededText(1000);
    byte[] result = appended(base, 1000);
    PackBuilder builder = new PackBuilder();
    builder.ofsDelta(builder.whole(Constants.OBJ_BLOB, base), appendDelta(base, result));
    Set<String> before = packDirectory();

    receive(builder.build(), parser -> parser.setMaxObjectSizeLimit(2000));

    assertOneNewPack(before);
    assertHoldsExactly(List.of(blob(base), blob(result)));
  }

  // ---------------------------------------------------------------------------------------------
  // Which parser

  @Test
  void theStoresRepositoriesIndexReceivedPacksOnEveryCore() throws Exception {
    try (Repository repository = store.open(REPOSITORY); ObjectInserter inserter = repository.newObjectInserter()) {
      assertThat(inserter.newPackParser(new ByteArrayInputStream(ofsDeltaPack))).isInstanceOf(ParallelPackParser.class);
    }
  }

  @Test
  void aReceivePackThatAsksForTheNewObjectIdsIsServedByJGitsParser() throws Exception {
    Set<String> before = packDirectory();
    List<PackParser> used = new ArrayList<>();

    receive(ofsDeltaPack, parser -> {
      parser.setNeedNewObjectIds(true);
      used.add(parser);
    });

    assertThat(used.get(0).getNewObjectIds()).hasSize(historyObjects.size());
    String pack = assertOneNewPack(before);
    assertHoldsExactly(historyObjects);
    assertVerifyPackPasses(pack);
  }

  // ---------------------------------------------------------------------------------------------
  // What a pack holds everything reachable from (a push of it needs no connectivity walk)

  @Test
  void aCheckedPackOfAWholeHistoryHoldsAllThatItsBranchReaches() throws Exception {
    SelfContainedPack pack = (SelfContainedPack) parserAfterReceiving(ofsDeltaPack, parser -> {});

    assertThat(pack.holdsAllReachableFrom(revision("refs/heads/main"))).isTrue();
    assertThat(pack.holdsAllReachableFrom(revision("refs/tags/old"))).isTrue();
  }

  @Test
  void aPackBuiltOnHistoryItDoesNotHoldHoldsNotAllThatItsBranchReaches() throws Exception {
    receive(oldPack);
    byte[] newCommitsOnly = packObjects(history,
        bytes(revision("refs/heads/main").name() + "\n^" + revision("refs/tags/old").name() + "\n"), "--revs", "--delta-base-offset");

    SelfContainedPack pack = (SelfContainedPack) parserAfterReceiving(newCommitsOnly, parser -> {});

    assertThat(pack.holdsAllReachableFrom(revision("refs/heads/main"))).isFalse();
  }

  @Test
  void aCompletedThinPackHoldsNotAllThatItsBranchReaches() throws Exception {
    receive(oldPack);

    SelfContainedPack pack = (SelfContainedPack) parserAfterReceiving(thinPack, parser -> {});

    assertThat(pack.holdsAllReachableFrom(revision("refs/heads/main"))).isFalse();
  }

  @Test
  void anUncheckedPackCannotTellWhatItHoldsAllOf() throws Exception {
    SelfContainedPack pack = (SelfContainedPack) parserAfterReceiving(ofsDeltaPack, parser -> parser.setObjectChecker(null));

    assertThat(pack.holdsAllReachableFrom(revision("refs/heads/main"))).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // What a stored pack leaves behind

  @Test
  void nothingKeepsTheParserOnceItsPackIsStored() throws Exception {
    WeakReference<PackParser> parser = new WeakReference<>(parserAfterReceiving(ofsDeltaPack, settings -> {}));

    assertThat(collected(parser)).as("the parser of a stored pack, with every entry it read, is collected").isTrue();
  }

  /** Whether the referent is collected within a second of asking the JVM to collect. */
  private static boolean collected(WeakReference<?> reference) throws InterruptedException {
    for (int attempt = 0; attempt < 50 && reference.get() != null; attempt++) {
      System.gc();
      Thread.sleep(20);
    }
    return reference.get() == null;
  }

  private PackParser parserAfterReceiving(byte[] pack, Consumer<PackParser> settings) throws IOException {
    List<PackParser> used = new ArrayList<>();
    receive(pack, parser -> {
      settings.accept(parser);
      used.add(parser);
    });
    return used.get(0);
  }

  private static ObjectId revision(String name) throws Exception {
    return ObjectId.fromString(text(git(history, NOTHING, "rev-parse", name)).trim());
  }

  // ---------------------------------------------------------------------------------------------
  // Receiving

  private void receive(byte[] pack) throws IOException {
    receive(new ByteArrayInputStream(pack), parser -> {});
  }

  private void receive(byte[] pack, Consumer<PackParser> settings) throws IOException {
    receive(new ByteArrayInputStream(pack), settings);
  }

  private void receive(InputStream in, Consumer<PackParser> settings) throws IOException {
    unlock(receiveLocked(in, settings));
  }

  /** Parses as receive-pack does, then applies {@code settings} over those defaults. */
  private PackLock receiveLocked(InputStream in, Consumer<PackParser> settings) throws IOException {
    try (Repository repository = store.open(REPOSITORY); ObjectInserter inserter = repository.newObjectInserter()) {
      PackParser parser = inserter.newPackParser(in);
      parser.setAllowThin(true);
      parser.setObjectChecker(new ObjectChecker());
      parser.setCheckEofAfterPackFooter(true);
      parser.setLockMessage("test");
      settings.accept(parser);
      PackLock lock = parser.parse(NullProgressMonitor.INSTANCE, NullProgressMonitor.INSTANCE);
      inserter.flush();
      return lock;
    }
  }

  private static void unlock(PackLock lock) throws IOException {
    if (lock != null) {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Inspecting the repository

  private record GitObject(ObjectId id, String type, long size) {}

  private Path objectsDirectory() {
    return repositoryDirectory.resolve("objects");
  }

  private Set<String> packDirectory() throws IOException {
    try (Stream<Path> files = Files.list(objectsDirectory().resolve("pack"))) {
      return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private Map<String, byte[]> packDirectoryContents() throws IOException {
    Map<String, byte[]> contents = new HashMap<>();
    for (String name : packDirectory()) {
      contents.put(name, Files.readAllBytes(objectsDirectory().resolve("pack").resolve(name)));
    }
    return contents;
  }

  private Set<String> added(Set<String> before) throws IOException {
    Set<String> now = packDirectory();
    now.removeAll(before);
    return now;
  }

  /** Files under {@code objects/} that are not a pack, its index or its keep file. */
  private List<String> leftovers() throws IOException {
    Path objects = objectsDirectory();
    try (Stream<Path> files = Files.walk(objects)) {
      return files.filter(Files::isRegularFile)
          .map(p -> objects.relativize(p).toString().replace('\\', '/'))
          .filter(n -> !n.matches("pack/pack-[0-9a-f]{40}\\.(pack|idx|keep)"))
          .toList();
    }
  }

  /** Exactly one pack and its index were added, and no stray file: returns the pack's base name. */
  private String assertOneNewPack(Set<String> before) throws IOException {
    Set<String> added = added(before);
    assertThat(added).as("files added to objects/pack").hasSize(2);
    String pack = added.stream().filter(n -> n.endsWith(".pack")).findFirst().orElseThrow();
    String base = pack.substring(0, pack.length() - ".pack".length());
    assertThat(added).containsExactlyInAnyOrder(base + ".pack", base + ".idx");
    assertThat(leftovers()).as("temporary files left in objects/").isEmpty();
    return base;
  }

  private void assertNothingAdded(Set<String> before) throws IOException {
    assertThat(packDirectory()).as("objects/pack").isEqualTo(before);
    assertThat(leftovers()).as("temporary files left in objects/").isEmpty();
  }

  /** Each object reads back with its type and size and hashes to its id; there are no others. */
  private void assertHoldsExactly(List<GitObject> expected) throws Exception {
    try (Repository repository = store.open(REPOSITORY);
        ObjectReader reader = repository.newObjectReader();
        ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
      for (GitObject object : expected) {
        ObjectLoader loader = reader.open(object.id());
        byte[] content = loader.getCachedBytes(Integer.MAX_VALUE);
        assertThat(Constants.typeString(loader.getType())).as("type of %s", object.id().name()).isEqualTo(object.type());
        assertThat((long) content.length).as("size of %s", object.id().name()).isEqualTo(object.size());
        assertThat(hasher.idFor(loader.getType(), content).name())
            .as("the content of %s hashes to its id", object.id().name())
            .isEqualTo(object.id().name());
      }
    }
    Set<String> stored = new TreeSet<>();
    for (GitObject object : objectsOf(repositoryDirectory)) {
      stored.add(object.id().name());
    }
    assertThat(stored).as("the objects C git finds in the repository")
        .isEqualTo(expected.stream().map(o -> o.id().name()).collect(Collectors.toCollection(TreeSet::new)));
  }

  private void assertBlobContent(ObjectId id, byte[] expected) throws IOException {
    try (Repository repository = store.open(REPOSITORY); ObjectReader reader = repository.newObjectReader()) {
      byte[] content = reader.open(id, Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
      assertThat(Arrays.equals(content, expected)).as("content of blob %s", id.name()).isTrue();
    }
  }

  private void assertFsckPasses() throws Exception {
    git(repositoryDirectory, NOTHING, "fsck", "--strict", "--no-dangling");
  }

  private void assertVerifyPackPasses(String packBaseName) throws Exception {
    git(repositoryDirectory, NOTHING, "verify-pack", "-v", "objects/pack/" + packBaseName + ".idx");
  }

  private static CorruptObjectException corruptionIn(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof CorruptObjectException corrupt) {
        return corrupt;
      }
    }
    throw new AssertionError("no CorruptObjectException in the causes of " + thrown, thrown);
  }

  // ---------------------------------------------------------------------------------------------
  // Source repositories, through C git

  /** Every object in {@code repository}, as C git lists it. */
  private static List<GitObject> objectsOf(Path repository) throws Exception {
    String listing = text(git(repository, NOTHING, "cat-file", "--batch-all-objects",
        "--batch-check=%(objectname) %(objecttype) %(objectsize)"));
    List<GitObject> objects = new ArrayList<>();
    for (String line : listing.split("\n")) {
      if (!line.isEmpty()) {
        String[] fields = line.split(" ");
        objects.add(new GitObject(ObjectId.fromString(fields[0]), fields[1], Long.parseLong(fields[2])));
      }
    }
    return objects;
  }

  private static byte[] packObjects(Path repository, byte[] input, String... options) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("pack-objects", "-q", "--stdout", "--threads=1"));
    arguments.addAll(List.of(options));
    return git(repository, input, arguments.toArray(String[]::new));
  }

  /** The longest delta chain in {@code pack}, as C git's {@code verify-pack} counts it. */
  private static int maxDeltaChain(byte[] pack) throws Exception {
    Path probe = Files.createTempFile(fixtures, "probe", ".pack");
    Files.write(probe, pack);
    git(fixtures, NOTHING, "index-pack", probe.toString());
    String idx = probe.toString().replaceAll("\\.pack$", ".idx");
    int longest = 0;
    for (String line : text(git(fixtures, NOTHING, "verify-pack", "-v", idx)).split("\n")) {
      if (line.startsWith("chain length = ")) {
        longest = Math.max(longest, Integer.parseInt(line.substring("chain length = ".length(), line.indexOf(':'))));
      }
    }
    return longest;
  }

  /** A fast-import stream of the history: each commit edits or inserts a few lines of one or two files. */
  private static byte[] historyStream() {
    Random random = new Random(20240611);
    String[] paths = {"src/main/App.java", "src/main/Util.java", "docs/guide.md"};
    List<List<String>> files = new ArrayList<>();
    for (int f = 0; f < paths.length; f++) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 250; i++) {
        lines.add(line(random));
      }
      files.add(lines);
    }
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int n = 1; n <= COMMITS; n++) {
      Set<Integer> touched = new TreeSet<>();
      if (n == 1) {
        touched.addAll(List.of(0, 1, 2));
      } else {
        touched.add(random.nextInt(paths.length));
        if (random.nextInt(3) == 0) {
          touched.add(random.nextInt(paths.length));
        }
        for (int f : touched) {
          List<String> lines = files.get(f);
          for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            lines.set(random.nextInt(lines.size()), line(random));
          }
          if (random.nextInt(4) == 0) {
            lines.add(random.nextInt(lines.size()), line(random));
          }
        }
      }
      long when = EPOCH + n * 60L;
      byte[] message = bytes("change " + n + "\n");
      stream.writeBytes(bytes("commit refs/heads/main\nmark :" + n + "\n"
          + "author A U Thor <author@example.com> " + when + " +0000\n"
          + "committer C O Mitter <committer@example.com> " + when + " +0000\n"
          + "data " + message.length + "\n"));
      stream.writeBytes(message);
      if (n > 1) {
        stream.writeBytes(bytes("from :" + (n - 1) + "\n"));
      }
      for (int f : touched) {
        byte[] content = bytes(String.join("\n", files.get(f)) + "\n");
        stream.writeBytes(bytes("M 100644 inline " + paths[f] + "\ndata " + content.length + "\n"));
        stream.writeBytes(content);
        stream.writeBytes(bytes("\n"));
      }
      stream.writeBytes(bytes("\n"));
      if (n == OLD_COMMIT) {
        stream.writeBytes(bytes("reset refs/tags/old\nfrom :" + n + "\n\n"));
      }
    }
    return stream.toByteArray();
  }

  private static String line(Random random) {
    String[] words = {"alpha", "beta", "gamma", "delta", "pack", "object", "tree", "blob", "commit", "ref"};
    StringBuilder line = new StringBuilder("    ");
    for (int w = 0; w < 6; w++) {
      line.append(words[random.nextInt(words.length)]).append(w == 5 ? ';' : ' ');
    }
    return line.append(" // ").append(random.nextInt(1_000_000)).toString();
  }

  /** Two commits of {@code large.bin}: {@code first}, then {@code second}, packed with deltas. */
  private static Path largeBlobHistory(byte[] first, byte[] second) throws Exception {
    Path repository = Files.createTempDirectory(fixtures, "large").resolve("large.git");
    git(repository.getParent(), NOTHING, "init", "-q", "--bare", repository.toString());
    ByteArrayOutputStream stream = new ByteArrayOutputStream(first.length + second.length + 1024);
    byte[][] versions = {first, second};
    for (int n = 1; n <= versions.length; n++) {
      long when = EPOCH + n * 60L;
      stream.writeBytes(bytes("commit refs/heads/main\nmark :" + n + "\n"
          + "committer C O Mitter <committer@example.com> " + when + " +0000\n"
          + "data 7\nlarge " + n + "\n" + (n > 1 ? "from :" + (n - 1) + "\n" : "")
          + "M 100644 inline large.bin\ndata " + versions[n - 1].length + "\n"));
      stream.writeBytes(versions[n - 1]);
      stream.writeBytes(bytes("\n\n"));
    }
    // Random bytes do not compress: storing them uncompressed keeps the test fast.
    git(repository, stream.toByteArray(), "-c", "core.compression=0", "-c", "pack.compression=0", "fast-import", "--quiet");
    git(repository, NOTHING, "-c", "pack.threads=1", "-c", "pack.compression=0",
        "repack", "-q", "-a", "-d", "-f", "--depth=50", "--window=10");
    return repository;
  }

  /** A pack, written by C git, of {@code objects}: stored by JGit, which does not check them. */
  private static byte[] packOf(Map<GitObject, byte[]> objects) throws Exception {
    Path scratchRoot = Files.createTempDirectory(fixtures, "scratch");
    try (FileRepositoryStore scratch = new FileRepositoryStore(scratchRoot)) {
      scratch.create("scratch");
      StringBuilder names = new StringBuilder();
      try (Repository repository = scratch.open("scratch"); ObjectInserter inserter = repository.newObjectInserter()) {
        for (Map.Entry<GitObject, byte[]> object : objects.entrySet()) {
          ObjectId id = inserter.insert(typeCode(object.getKey().type()), object.getValue());
          assertThat(id).isEqualTo(object.getKey().id());
          names.append(id.name()).append('\n');
        }
        inserter.flush();
      }
      return packObjects(scratch.directoryOf("scratch"), bytes(names.toString()));
    }
  }

  private static int typeCode(String type) {
    return switch (type) {
      case "commit" -> Constants.OBJ_COMMIT;
      case "tree" -> Constants.OBJ_TREE;
      case "blob" -> Constants.OBJ_BLOB;
      case "tag" -> Constants.OBJ_TAG;
      default -> throw new IllegalArgumentException(type);
    };
  }

  /** The blob {@link #HELLO} and a tree naming it once under each of {@code names}, in that order. */
  private static Map<GitObject, byte[]> treeNamingHello(String... names) {
    ByteArrayOutputStream entries = new ByteArrayOutputStream();
    byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
    blobId(HELLO).copyRawTo(raw, 0);
    for (String name : names) {
      entries.writeBytes(bytes("100644 " + name + "\0"));
      entries.writeBytes(raw);
    }
    byte[] tree = entries.toByteArray();
    Map<GitObject, byte[]> objects = new LinkedHashMap<>();
    objects.put(blob(HELLO), HELLO);
    try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
      objects.put(new GitObject(hasher.idFor(Constants.OBJ_TREE, tree), "tree", tree.length), tree);
    }
    return objects;
  }

  /** Runs C git in {@code directory} with no system or user configuration and fixed identities. */
  private static byte[] git(Path directory, byte[] input, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("GIT_"));
    Path home = fixtures.resolve("home");
    environment.put("HOME", home.toString());
    environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    environment.put("GIT_CONFIG_NOSYSTEM", "1");
    environment.put("GIT_AUTHOR_NAME", "A U Thor");
    environment.put("GIT_AUTHOR_EMAIL", "author@example.com");
    environment.put("GIT_AUTHOR_DATE", EPOCH + " +0000");
    environment.put("GIT_COMMITTER_NAME", "C O Mitter");
    environment.put("GIT_COMMITTER_EMAIL", "committer@example.com");
    environment.put("GIT_COMMITTER_DATE", EPOCH + " +0000");
    Path errors = Files.createTempFile(fixtures, "git", ".stderr");
    builder.redirectError(errors.toFile());
    Process process = builder.start();
    Thread feeder = new Thread(() -> {
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(input);
      } catch (IOException e) {
        // git stopped reading: its exit code says why.
      }
    });
    feeder.start();
    byte[] output;
    try (InputStream stdout = process.getInputStream()) {
      output = stdout.readAllBytes();
    }
    int exit = process.waitFor();
    feeder.join();
    String stderr = Files.readString(errors);
    Files.delete(errors);
    if (exit != 0) {
      throw new AssertionError("git " + String.join(" ", arguments) + " exited with " + exit + ":\n" + stderr);
    }
    return output;
  }

  // ---------------------------------------------------------------------------------------------
  // Pack bytes

  /** One object of a pack stream, as the stream lays it out. */
  private record Entry(long offset, int type, long size, long dataStart, long dataEnd, long resultSize) {
    boolean isDelta() {
      return type == Constants.OBJ_OFS_DELTA || type == Constants.OBJ_REF_DELTA;
    }
  }

  /** Walks the objects of a pack stream: each header and the extent of its zlib data. */
  private static List<Entry> entries(byte[] pack) throws DataFormatException {
    assertThat(new String(pack, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PACK");
    long count = NB.decodeUInt32(pack, 8);
    List<Entry> entries = new ArrayList<>();
    Inflater inflater = new Inflater();
    try {
      byte[] buffer = new byte[64 * 1024];
      int position = 12;
      for (long i = 0; i < count; i++) {
        int offset = position;
        int c = pack[position++] & 0xff;
        int type = (c >> 4) & 7;
        long size = c & 15;
        for (int shift = 4; (c & 0x80) != 0; shift += 7) {
          c = pack[position++] & 0xff;
          size += (long) (c & 0x7f) << shift;
        }
        if (type == Constants.OBJ_OFS_DELTA) {
          do {
            c = pack[position++] & 0xff;
          } while ((c & 0x80) != 0);
        } else if (type == Constants.OBJ_REF_DELTA) {
          position += Constants.OBJECT_ID_LENGTH;
        }
        inflater.reset();
        inflater.setInput(pack, position, pack.length - Constants.OBJECT_ID_LENGTH - position);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!inflater.finished()) {
          int n = inflater.inflate(buffer);
          if (n == 0 && inflater.needsInput()) {
            throw new IllegalArgumentException("the pack ends inside object " + i);
          }
          if (head.size() < 32) {
            head.write(buffer, 0, Math.min(n, 32));
          }
        }
        long resultSize = size;
        if (type == Constants.OBJ_OFS_DELTA || type == Constants.OBJ_REF_DELTA) {
          byte[] delta = head.toByteArray();
          int p = 0;
          while ((delta[p++] & 0x80) != 0) {
            // skips the base's size
          }
          resultSize = 0;
          int shift = 0;
          do {
            c = delta[p++] & 0xff;
            resultSize |= (long) (c & 0x7f) << shift;
            shift += 7;
          } while ((c & 0x80) != 0);
        }
        long dataEnd = position + inflater.getBytesRead();
        entries.add(new Entry(offset, type, size, position, dataEnd, resultSize));
        position = (int) dataEnd;
      }
    } finally {
      inflater.end();
    }
    return entries;
  }

  /**
   * Flips a byte in the middle of the compressed data of an object past the middle of the pack,
   * a delta or a whole object, then re-signs the pack so that only that object is bad.
   */
  private static byte[] damageObjectData(byte[] pack, boolean delta) throws DataFormatException {
    List<Entry> entries = entries(pack);
    Entry victim = entries.subList(entries.size() / 2, entries.size()).stream()
        .filter(e -> e.isDelta() == delta && e.dataEnd() - e.dataStart() >= 16)
        .findFirst()
        .orElseThrow();
    byte[] damaged = pack.clone();
    damaged[(int) ((victim.dataStart() + victim.dataEnd()) / 2)] ^= (byte) 0xff;
    return resign(damaged);
  }

  /** Rewrites the trailer: the SHA-1 of everything before it. */
  private static byte[] resign(byte[] pack) {
    MessageDigest sha1 = sha1();
    sha1.update(pack, 0, pack.length - Constants.OBJECT_ID_LENGTH);
    System.arraycopy(sha1.digest(), 0, pack, pack.length - Constants.OBJECT_ID_LENGTH, Constants.OBJECT_ID_LENGTH);
    return pack;
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a version 2 pack object by object, including ones git would never write. */
  private static final class PackBuilder {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int count;

    /** The offset the next object will have. */
    long position() {
      return 12 + body.size();
    }

    long whole(int type, byte[] data) {
      long at = position();
      header(type, data.length);
      body.writeBytes(deflate(data));
      count++;
      return at;
    }

    long ofsDelta(long baseOffset, byte[] delta) {
      return ofsDeltaAtDistance(position() - baseOffset, delta);
    }

    /** An OFS_DELTA whose base is {@code distance} bytes before it, wherever that is. */
    long ofsDeltaAtDistance(long distance, byte[] delta) {
      long at = position();
      header(Constants.OBJ_OFS_DELTA, delta.length);
      byte[] encoded = new byte[10];
      int p = encoded.length - 1;
      long rest = distance;
      encoded[p] = (byte) (rest & 0x7f);
      while ((rest >>>= 7) != 0) {
        rest--;
        encoded[--p] = (byte) (0x80 | (rest & 0x7f));
      }
      body.write(encoded, p, encoded.length - p);
      body.writeBytes(deflate(delta));
      count++;
      return at;
    }

    byte[] build() {
      ByteArrayOutputStream pack = new ByteArrayOutputStream();
      pack.writeBytes(bytes("PACK"));
      byte[] numbers = new byte[8];
      NB.encodeInt32(numbers, 0, 2);
      NB.encodeInt32(numbers, 4, count);
      pack.writeBytes(numbers);
      pack.writeBytes(body.toByteArray());
      pack.writeBytes(new byte[Constants.OBJECT_ID_LENGTH]);
      return resign(pack.toByteArray());
    }

    private void header(int type, long size) {
      int c = (type << 4) | (int) (size & 15);
      long rest = size >>> 4;
      while (rest != 0) {
        body.write(c | 0x80);
        c = (int) (rest & 0x7f);
        rest >>>= 7;
      }
      body.write(c);
    }

    private static byte[] deflate(byte[] data) {
      Deflater deflater = new Deflater();
      try {
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
          out.write(buffer, 0, deflater.deflate(buffer));
        }
        return out.toByteArray();
      } finally {
        deflater.end();
      }
    }
  }

  /** A git delta that copies all of {@code base} and inserts the rest of {@code result}. */
  private static byte[] appendDelta(byte[] base, byte[] result) {
    assertThat(Arrays.equals(base, 0, base.length, result, 0, base.length)).isTrue();
    ByteArrayOutputStream delta = new ByteArrayOutputStream();
    varint(delta, base.length);
    varint(delta, result.length);
    // copy: offset 0 (no offset bytes), a two-byte length
    delta.write(0x80 | 0x10 | 0x20);
    delta.write(base.length & 0xff);
    delta.write((base.length >>> 8) & 0xff);
    for (int at = base.length; at < result.length; at += 127) {
      int n = Math.min(127, result.length - at);
      delta.write(n);
      delta.write(result, at, n);
    }
    return delta.toByteArray();
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    long rest = value;
    while (rest >= 0x80) {
      out.write((int) (rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    out.write((int) rest);
  }

  /** {@code length} bytes of seeded text. */
  private static byte[] seededText(int length) {
    Random random = new Random(length);
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      text.append(line(random)).append('\n');
    }
    return bytes(text.substring(0, length));
  }

  private static byte[] appended(byte[] base, int extra) {
    byte[] result = Arrays.copyOf(base, base.length + extra);
    byte[] tail = seededText(extra + 1);
    System.arraycopy(tail, 0, result, base.length, extra);
    return result;
  }

  private static GitObject blob(byte[] content) {
    return new GitObject(blobId(content), "blob", content.length);
  }

  private static ObjectId blobId(byte[] content) {
    try (ObjectInserter.Formatter hasher = new ObjectInserter.Formatter()) {
      return hasher.idFor(Constants.OBJ_BLOB, content);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Hands the stream over a few hundred bytes at a time, never saying more is available. */
  private static final class ShortReads extends FilterInputStream {
    private final Random random = new Random(7);

    ShortReads(byte[] data) {
      super(new ByteArrayInputStream(data));
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      return super.read(b, off, Math.min(len, 1 + random.nextInt(997)));
    }

    @Override
    public int available() {
      return 0;
    }
  }
}

package io.commitd.storage.git;

import java.io.InputStream;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectDatabase;
import org.eclipse.jgit.transport.PackParser;
import org.eclipse.jgit.transport.PackedObjectInfo;

/**
 * A {@link PackParser} that reads the pack in its own {@code parse}: it takes JGit's settings and
 * stands where receive-pack expects a parser, but JGit's parsing hooks, which only JGit's {@code
 * parse} calls, are never reached.
 */
abstract class SelfParsingPackParser extends PackParser {
  SelfParsingPackParser(ObjectDatabase database, InputStream source) {
    super(database, source);
  }

  @Override
  protected void onStoreStream(byte[] raw, int pos, int len) {
    throw unreachable();
  }

  @Override
  protected void onObjectHeader(Source src, byte[] raw, int pos, int len) {
    throw unreachable();
  }

  @Override
  protected void onObjectData(Source src, byte[] raw, int pos, int len) {
    throw unreachable();
  }

  @Override
  protected void onInflatedObjectData(PackedObjectInfo obj, int typeCode, byte[] data) {
    throw unreachable();
  }

  @Override
  protected void onPackHeader(long objCnt) {
    throw unreachable();
  }

  @Override
  protected void onPackFooter(byte[] hash) {
    throw unreachable();
  }

  @Override
  protected boolean onAppendBase(int typeCode, byte[] data, PackedObjectInfo info) {
    throw unreachable();
  }

  @Override
  protected void onEndThinPack() {
    throw unreachable();
  }

  @Override
  protected ObjectTypeAndSize seekDatabase(PackedObjectInfo obj, ObjectTypeAndSize info) {
    throw unreachable();
  }

  @Override
  protected ObjectTypeAndSize seekDatabase(UnresolvedDelta delta, ObjectTypeAndSize info) {
    throw unreachable();
  }

  @Override
  protected int readDatabase(byte[] dst, int pos, int cnt) {
    throw unreachable();
  }

  @Override
  protected boolean checkCRC(int oldCRC) {
    throw unreachable();
  }

  @Override
  protected void onBeginWholeObject(long streamPosition, int type, long inflatedSize) {
    throw unreachable();
  }

  @Override
  protected void onEndWholeObject(PackedObjectInfo info) {
    throw unreachable();
  }

  @Override
  protected void onBeginOfsDelta(long deltaStreamPosition, long baseStreamPosition, long inflatedSize) {
    throw unreachable();
  }

  @Override
  protected void onBeginRefDelta(long deltaStreamPosition, AnyObjectId baseId, long inflatedSize) {
    throw unreachable();
  }

  private IllegalStateException unreachable() {
    return new IllegalStateException(getClass().getSimpleName() + " reads the pack itself; JGit's parsing hooks are not used");
  }
}

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites, in place, the class files of a jar that are older than Java 6 as Java 8 class files with stack
 * map frames, and prints how many it rewrote.
 *
 * <p>JDK 17's class-data sharing leaves such classes out of an archive ("Pre JDK 6 class not supported by
 * CDS"): every start loads them from the jar and checks them with the old inferring verifier. picocli is
 * compiled for Java 5, and its 227 classes cost each start of commitd 0.1-0.2 s of CPU
 * (docs/performance.md, "Twenty-sixth machine"). The bytecode is unchanged; ASM computes the frames that
 * the newer verifier reads.
 *
 * <p>Run by the server module's package phase, after the shaded jar and before its class-data archive:
 * {@code java -cp asm.jar UpgradeOldClassFiles.java commitd.jar}.
 */
public final class UpgradeOldClassFiles {
  private static final int JAVA_6 = 50;

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: UpgradeOldClassFiles JAR");
    }
    Path jar = Path.of(args[0]);
    int upgraded = 0;
    // The loader reads the jar as it was: ASM loads classes through it to find common superclasses.
    try (FileSystem entries = FileSystems.newFileSystem(jar);
        URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      for (Path classFile : classFiles(entries)) {
        if (majorVersion(classFile) < JAVA_6) {
          Files.write(classFile, asJava8(Files.readAllBytes(classFile), classes));
          upgraded++;
        }
      }
    }
    System.out.println("UpgradeOldClassFiles: " + upgraded + " class files older than Java 6 rewritten in " + jar.getFileName());
  }

  private static List<Path> classFiles(FileSystem entries) throws IOException {
    try (Stream<Path> all = Files.walk(entries.getPath("/"))) {
      return all.filter(path -> path.toString().endsWith(".class")).toList();
    }
  }

  private static int majorVersion(Path classFile) throws IOException {
    try (InputStream in = Files.newInputStream(classFile)) {
      byte[] head = in.readNBytes(8);
      return head.length < 8 ? Integer.MAX_VALUE : ((head[6] & 0xff) << 8) | (head[7] & 0xff);
    }
  }

  private static byte[] asJava8(byte[] classFile, ClassLoader classes) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected ClassLoader getClassLoader() {
        return classes;
      }
    };
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
      }
    }, ClassReader.SKIP_FRAMES);
    return writer.toByteArray();
  }
}

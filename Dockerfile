# Build with Maven, run on a JRE 17 image.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY storage/pom.xml storage/
COPY git-objects/pom.xml git-objects/
COPY iam-policy/pom.xml iam-policy/
COPY approval-rules/pom.xml approval-rules/
COPY triggers/pom.xml triggers/
COPY reviews/pom.xml reviews/
COPY git-transport/pom.xml git-transport/
COPY server/pom.xml server/
RUN mvn -B -q dependency:go-offline -DexcludeArtifactIds=storage,git-objects,iam-policy,approval-rules,triggers,reviews,git-transport || true
COPY . .
# The build's class-data archive is tied to the jar's path here; the image's launcher writes its own
# (COMMITD_CDS below) when the container's first run stops.
RUN mvn -B -q package -DskipTests -Dcommitd.classDataArchive.skip=true

FROM eclipse-temurin:17-jre
# git for operators' checks in the container; curl for the health check. The data directory is
# created here and owned by the runtime user, so a new named volume mounted on it inherits that
# owner (a directory Docker creates for a volume would otherwise be root's).
RUN apt-get update && apt-get install -y --no-install-recommends git curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/commitd --create-home commitd \
    && mkdir -p /var/lib/commitd/data \
    && chown -R commitd:commitd /var/lib/commitd \
    && chmod 0700 /var/lib/commitd/data
COPY --from=build /src/server/target/commitd.jar /opt/commitd/commitd.jar
COPY bin/commitd /opt/commitd/bin/commitd
USER commitd
WORKDIR /var/lib/commitd
ENV COMMITD_DATA_DIR=/var/lib/commitd/data COMMITD_JAR=/opt/commitd/commitd.jar COMMITD_CDS=/var/lib/commitd/commitd.jsa
VOLUME ["/var/lib/commitd/data"]
EXPOSE 8080 2222
# SIGTERM stops commitd cleanly: it drains clones, pushes and API calls for up to
# COMMITD_SHUTDOWN_TIMEOUT (30s) and exits 0; give it that long before SIGKILL.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD curl -fsS http://localhost:8080/health || exit 1
# The launcher bounds the heap (COMMITD_HEAP_MB, default 512) and the JVM's other memory: docs/performance.md.
ENTRYPOINT ["/opt/commitd/bin/commitd"]

# Build with Maven, run on a JRE 17 image.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY storage/pom.xml storage/
COPY iam-policy/pom.xml iam-policy/
COPY approval-rules/pom.xml approval-rules/
COPY triggers/pom.xml triggers/
COPY git-transport/pom.xml git-transport/
COPY server/pom.xml server/
RUN mvn -B -q dependency:go-offline -DexcludeArtifactIds=storage,iam-policy,approval-rules,triggers,git-transport || true
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends git curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/commitd --create-home commitd
COPY --from=build /src/server/target/commitd.jar /opt/commitd/commitd.jar
COPY bin/commitd /opt/commitd/bin/commitd
USER commitd
WORKDIR /var/lib/commitd
ENV COMMITD_DATA_DIR=/var/lib/commitd/data COMMITD_JAR=/opt/commitd/commitd.jar COMMITD_CDS=/var/lib/commitd/commitd.jsa
VOLUME ["/var/lib/commitd/data"]
EXPOSE 8080 2222
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=5 \
  CMD curl -fsS http://localhost:8080/health || exit 1
# The launcher bounds the heap (COMMITD_HEAP_MB, default 512) and the JVM's other memory: docs/performance.md.
ENTRYPOINT ["/opt/commitd/bin/commitd"]

package io.connectionsapi.security;

import io.connectionsapi.store.StoreProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Makes sure someone can call the server: the configured key exists, or, when there is neither a configured key
 * nor any stored key, one is generated, its secret printed once and written to {@code <data dir>/initial-api-key}.
 * <p>
 * The configured key is stored while the application starts, so it works from the first request on. A key is only
 * generated once the start has succeeded (store open, port bound): a start that fails leaves no secret behind in
 * the log, the data directory or the store.
 */
@Component
class KeyBootstrap implements InitializingBean, ApplicationListener<ApplicationStartedEvent> {

    private static final Logger log = LoggerFactory.getLogger(KeyBootstrap.class);

    private final ApiKeys keys;
    private final SecurityProperties security;
    private final StoreProperties store;

    KeyBootstrap(ApiKeys keys, SecurityProperties security, StoreProperties store) {
        this.keys = keys;
        this.security = security;
        this.store = store;
    }

    @Override
    public void afterPropertiesSet() {
        if (security.apiKey() != null) {
            ApiKeys.StoredKey key = keys.ensure(security.apiKey(), "CONNECTIONS_API_KEY");
            log.info("API key from CONNECTIONS_API_KEY is active as {} for tenant '{}'", key.keyId(), key.tenantId());
        }
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent started) {
        if (security.apiKey() != null) {
            return;
        }
        Path keyFile = store.dataDir().resolve("initial-api-key");
        if (keys.anyActive()) {
            log.info("API keys: using the stored keys{}", Files.exists(keyFile) ? "; the first one generated is in " + keyFile.toAbsolutePath() : "");
            return;
        }
        ApiKeys.Created created = keys.create(ApiKeys.DEFAULT_TENANT, "initial key", java.util.EnumSet.allOf(Scope.class), null);
        try {
            writeSecret(keyFile, created.secret());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the generated first API key to " + keyFile.toAbsolutePath(), e);
        }
        // The one time a secret is logged, as the contract asks: nobody could call the server otherwise.
        log.warn("Generated the first API key {} for tenant 'default' with scopes read, write, admin: {}  (also written to {})",
                created.key().keyId(), created.secret(), keyFile.toAbsolutePath());
    }

    private static void writeSecret(Path file, String secret) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, secret + System.lineSeparator(), StandardOpenOption.TRUNCATE_EXISTING);
    }
}

package io.connectionsapi.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The embedded store's cache for a heap: the launch default keeps the cache it had, a small heap keeps H2's own,
 * so that the cache and the server do not fill the heap between them (docs/benchmark.md, memory at 100,000).
 */
class EmbeddedStoreCacheTest {

    private static final long MB = 1024 * 1024;

    @Test
    void theCacheIsAThirdOfTheHeapBeyondItsFirst128MegabytesFrom16To256() {
        assertThat(EmbeddedStore.cacheMegabytes(64 * MB)).isEqualTo(16);
        assertThat(EmbeddedStore.cacheMegabytes(160 * MB)).as("the launch default").isEqualTo(16);
        assertThat(EmbeddedStore.cacheMegabytes(512 * MB)).isEqualTo(128);
        assertThat(EmbeddedStore.cacheMegabytes(1024 * MB)).isEqualTo(256);
        assertThat(EmbeddedStore.cacheMegabytes(8192 * MB)).isEqualTo(256);
    }
}

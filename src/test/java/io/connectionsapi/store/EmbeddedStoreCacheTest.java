package io.connectionsapi.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The embedded store's cache for a heap: none at the launch default, as list scans would churn it through a small
 * heap's old generation; a sixteenth of a large heap, up to 64 MB (docs/benchmark.md, memory at 100,000).
 */
class EmbeddedStoreCacheTest {

    private static final long MB = 1024 * 1024;

    @Test
    void noCacheBelow768MegabytesOfHeapThenASixteenthUpTo64Megabytes() {
        assertThat(EmbeddedStore.cacheMegabytes(64 * MB)).isZero();
        assertThat(EmbeddedStore.cacheMegabytes(512 * MB)).as("the launch default").isZero();
        assertThat(EmbeddedStore.cacheMegabytes(960 * MB)).as("-Xmx1g with the serial collector").isEqualTo(60);
        assertThat(EmbeddedStore.cacheMegabytes(1024 * MB)).isEqualTo(64);
        assertThat(EmbeddedStore.cacheMegabytes(2048 * MB)).as("the benchmark's servers").isEqualTo(64);
        assertThat(EmbeddedStore.cacheMegabytes(8192 * MB)).isEqualTo(64);
    }
}

package dev.zdm.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    private static final List<String> OPTIONS = List.of("key", "size", "targetBatch", "lockTimeout");

    @Test
    void suggestsTheClosestNameWhenItIsATypo() {
        assertThat(DidYouMean.closest("sise", OPTIONS)).contains("size");
        assertThat(DidYouMean.closest("LOCKTIMEOUT", OPTIONS)).contains("lockTimeout");
        assertThat(DidYouMean.closest("lockTimeOt", OPTIONS)).contains("lockTimeout");
    }

    @Test
    void suggestsNothingForAnUnrelatedName() {
        assertThat(DidYouMean.closest("parallelism", OPTIONS)).isEmpty();
        assertThat(DidYouMean.closest("x", List.of())).isEmpty();
    }

    @Test
    void measuresLevenshteinDistance() {
        assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
        assertThat(DidYouMean.distance("same", "same")).isZero();
    }
}

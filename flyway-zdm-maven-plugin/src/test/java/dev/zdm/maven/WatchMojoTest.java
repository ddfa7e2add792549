package dev.zdm.maven;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

/** {@code zdm:watch} refuses a bad interval, duration or tick count before it connects, naming the property. */
class WatchMojoTest {

    private static WatchMojo mojo(String interval, String duration, int ticks) throws Exception {
        WatchMojo mojo = new WatchMojo();
        set(mojo, "interval", interval);
        set(mojo, "duration", duration);
        set(mojo, "ticks", ticks);
        set(mojo, "longTransaction", "10s");
        return mojo;
    }

    private static void set(WatchMojo mojo, String field, Object value) throws Exception {
        Field f = WatchMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(mojo, value);
    }

    @Test
    void refusesAnIntervalThatIsNotADuration() throws Exception {
        assertThatThrownBy(() -> mojo("soon", null, 0).execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("zdm.watch.interval must be a duration such as 500ms").hasMessageContaining("'soon'");
    }

    @Test
    void refusesAnIntervalBelow100ms() throws Exception {
        assertThatThrownBy(() -> mojo("10ms", null, 0).execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("interval must be at least 100ms");
    }

    @Test
    void refusesADurationThatIsNotADuration() throws Exception {
        assertThatThrownBy(() -> mojo("1s", "forever", 0).execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("zdm.watch.duration must be");
    }

    @Test
    void refusesNegativeTicks() throws Exception {
        assertThatThrownBy(() -> mojo("1s", null, -1).execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("ticks must be 0 (no limit) or more");
    }
}

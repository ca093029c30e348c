package io.connectionsapi.support;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Records every command the application's MongoDB driver sends, so tests can count what a request costs. */
@TestConfiguration(proxyBeanMethods = false)
public class CommandCounter implements CommandListener {

    private final List<String> commands = new CopyOnWriteArrayList<>();

    @Bean
    MongoClientSettingsBuilderCustomizer commandCounting() {
        return settings -> settings.addCommandListener(this);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        commands.add(event.getCommandName());
    }

    /** The names of the commands {@code action} made the application send, in order. */
    public List<String> during(Runnable action) {
        int before = commands.size();
        action.run();
        return List.copyOf(commands.subList(before, commands.size()));
    }
}

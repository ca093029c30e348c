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

    private final List<String> unitCommands = new CopyOnWriteArrayList<>();

    /**
     * Records the command, unless it belongs to the unit of work rather than to the request's own logic: ending a
     * transaction, and the claims a transaction writes on the documents a request relies on (one command per
     * collection, whatever the batch size). Those only exist on a replica set or sharded cluster, and are
     * recorded apart ({@link #unitOfWorkCommandsDuring}).
     */
    @Override
    public void commandStarted(CommandStartedEvent event) {
        String name = event.getCommandName();
        if (name.equals("commitTransaction") || name.equals("abortTransaction") || isClaim(event.getCommand())) {
            unitCommands.add(name);
            return;
        }
        commands.add(name);
    }

    private static boolean isClaim(org.bson.BsonDocument command) {
        if (!command.containsKey("update") || !command.containsKey("updates")) {
            return false;
        }
        var updates = command.getArray("updates");
        if (updates.size() != 1) {
            return false;
        }
        var change = updates.get(0).asDocument().get("u");
        return change != null && change.isDocument() && change.asDocument().containsKey("$set")
                && change.asDocument().getDocument("$set").containsKey("claimed_by");
    }

    /** The unit-of-work commands (commits, aborts, claims) {@code action} made the application send, in order. */
    public List<String> unitOfWorkCommandsDuring(Runnable action) {
        int before = unitCommands.size();
        action.run();
        return List.copyOf(unitCommands.subList(before, unitCommands.size()));
    }

    /** The names of the commands {@code action} made the application send, in order. */
    public List<String> during(Runnable action) {
        int before = commands.size();
        action.run();
        return List.copyOf(commands.subList(before, commands.size()));
    }
}

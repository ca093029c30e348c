package io.connectionsapi.store;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The database and collections the rest of the code uses, so that units of work need no parameter threaded
 * through every repository: inside a transaction, each call goes to the driver's overload that takes the unit's
 * {@link ClientSession}; a write sent outside any unit becomes a unit of its own.
 * <p>
 * Written by hand because the driver has no "current session", and Spring Data MongoDB's equivalent
 * ({@code MongoDatabaseUtils} with its session-bound proxies) is tied to Spring's transaction manager, which does
 * not give the driver's {@code withTransaction} retry loop that {@link UnitOfWork} relies on.
 */
final class SessionBound implements InvocationHandler {

    /**
     * Collection methods that write. Outside a unit, each is a unit of its own on the embedded store (which
     * commits nothing else) and on a standalone MongoDB (whose units run one at a time); on a replica set one
     * command is atomic by itself and needs no transaction.
     */
    private static final Set<String> WRITES = Set.of("insertOne", "insertMany", "updateOne", "updateMany",
            "replaceOne", "deleteOne", "deleteMany", "bulkWrite", "findOneAndUpdate", "findOneAndReplace",
            "findOneAndDelete");
    /** Collection methods that change indexes or collections: never inside a transaction. */
    private static final Set<String> DDL = Set.of("createIndex", "createIndexes", "dropIndex", "dropIndexes", "drop",
            "renameCollection");

    /** For each method, its overload with a leading ClientSession, if the driver has one. */
    private static final Map<Method, Optional<Method>> WITH_SESSION = new ConcurrentHashMap<>();

    private final Object target;
    private final UnitOfWork units;

    private SessionBound(Object target, UnitOfWork units) {
        this.target = target;
        this.units = units;
    }

    static MongoDatabase database(MongoDatabase database, UnitOfWork units) {
        return (MongoDatabase) Proxy.newProxyInstance(SessionBound.class.getClassLoader(),
                new Class<?>[] {MongoDatabase.class}, new SessionBound(database, units));
    }

    @SuppressWarnings("unchecked")
    private static <T> MongoCollection<T> collection(MongoCollection<T> collection, UnitOfWork units) {
        return (MongoCollection<T>) Proxy.newProxyInstance(SessionBound.class.getClassLoader(),
                new Class<?>[] {MongoCollection.class}, new SessionBound(collection, units));
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return invoke(method, args == null ? new Object[0] : args);
        }
        Object[] arguments = args == null ? new Object[0] : args;
        if (!method.getName().startsWith("get") && !method.getName().startsWith("with")) {
            units.requireReachable(); // an operation, not a getter or a derived collection
        }
        if (target instanceof MongoCollection<?>) {
            boolean ddl = DDL.contains(method.getName());
            if ((ddl || WRITES.contains(method.getName())) && !UnitOfWork.inUnit() && !units.deployment().transactional()) {
                return units.write(() -> {
                    try {
                        return call(method, arguments);
                    } catch (Exception | Error e) {
                        throw e;
                    } catch (Throwable e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            if (ddl) {
                if (!units.deployment().transactional()) {
                    // a rollback would drop what the embedded store created, under the feet of its open collections
                    throw new IllegalStateException("Indexes and collections are changed at startup, never inside a unit of work");
                }
                return invoke(method, arguments);
            }
        }
        return call(method, arguments);
    }

    private @Nullable Object call(Method method, Object[] arguments) throws Throwable {
        ClientSession session = UnitOfWork.session();
        Object result;
        if (session != null && !(arguments.length > 0 && arguments[0] instanceof ClientSession)) {
            Optional<Method> withSession = WITH_SESSION.computeIfAbsent(method, SessionBound::withSession);
            if (withSession.isPresent()) {
                Object[] sessionFirst = new Object[arguments.length + 1];
                sessionFirst[0] = session;
                System.arraycopy(arguments, 0, sessionFirst, 1, arguments.length);
                result = invoke(withSession.get(), sessionFirst);
            } else {
                result = invoke(method, arguments);
            }
        } else {
            result = invoke(method, arguments);
        }
        // collections handed out (getCollection, withCodecRegistry, withWriteConcern, ...) are bound the same way
        if (result instanceof MongoCollection<?> collection) {
            return collection(collection, units);
        }
        return result;
    }

    private @Nullable Object invoke(Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Optional<Method> withSession(Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        Class<?>[] sessionFirst = new Class<?>[parameters.length + 1];
        sessionFirst[0] = ClientSession.class;
        System.arraycopy(parameters, 0, sessionFirst, 1, parameters.length);
        try {
            return Optional.of(method.getDeclaringClass().getMethod(method.getName(), sessionFirst));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}

package io.connectionsapi.entity;

import io.connectionsapi.web.Item;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * The entities one write request refers to, by ID or as whole objects. {@link #resolve} checks them all against
 * the directory with one query; {@link #write} stores what is new or changed; {@link #current} gives what a
 * connection should show. Within a batch, later objects win, as if the items were applied in order.
 */
public final class EntityBatch {

    private final Entities entities;
    private final String tenantId;
    private final List<Reference> references = new ArrayList<>();
    private final Map<String, EntityInput> sent = new LinkedHashMap<>();
    private Map<String, Document> stored = Map.of();
    private final Map<String, Document> written = new LinkedHashMap<>();

    EntityBatch(Entities entities, String tenantId) {
        this.entities = entities;
        this.tenantId = tenantId;
    }

    /** A reference by ID: the entity must exist in the directory (or be sent as an object in the same batch). */
    public void byId(Item item, String field, String id) {
        references.add(new Reference(item, field, id, null));
    }

    /** A whole entity object: stored if new, its data updated if sent; its type must not change. */
    public void byObject(Item item, String field, EntityInput input) {
        references.add(new Reference(item, field, input.id(), input));
    }

    /** Checks every reference against the directory (one query), reporting problems on their items. */
    public void resolve() {
        Set<String> ids = new LinkedHashSet<>();
        references.forEach(reference -> ids.add(reference.id()));
        stored = entities.findByIds(tenantId, ids);
        for (Reference reference : references) {
            EntityInput input = reference.input();
            if (input == null) {
                continue;
            }
            Document existing = stored.get(input.id());
            if (EntityFields.LABEL.equals(input.type()) && !labelObjectAllowed(reference, existing)) {
                continue;
            }
            String knownType = existing != null ? existing.getString(EntityFields.TYPE)
                    : sent.containsKey(input.id()) ? sent.get(input.id()).type() : null;
            if (knownType != null && !knownType.equals(input.type())) {
                reference.item().reject(reference.field().isEmpty() ? EntityFields.TYPE : reference.field() + "." + EntityFields.TYPE, "must be " + knownType
                        + ": entity '" + input.id() + "' is a " + knownType + " and an entity's type never changes");
                continue;
            }
            EntityInput previous = sent.get(input.id());
            sent.put(input.id(), input.data() != null || previous == null ? input
                    : new EntityInput(input.id(), input.type(), previous.data()));
        }
        for (Reference reference : references) {
            if (reference.input() == null && !stored.containsKey(reference.id()) && !sent.containsKey(reference.id())) {
                reference.item().reject(reference.field(), "names entity '" + reference.id()
                        + "', which is not in the directory; create it with PUT /connections/v1/entities or send the whole entity object");
            }
        }
    }

    /**
     * A label's directory entry follows the label: it is created, changed and removed only through
     * {@code /connections/v1/labels}. A whole LABEL object may name an existing label, with its current data or none.
     */
    private boolean labelObjectAllowed(Reference reference, @Nullable Document existing) {
        String typeField = reference.field().isEmpty() ? EntityFields.TYPE : reference.field() + "." + EntityFields.TYPE;
        if (existing == null) {
            reference.item().reject(typeField, "is LABEL, but there is no label '" + reference.id()
                    + "'; labels are created with POST /connections/v1/labels");
            return false;
        }
        EntityInput input = reference.input();
        if (input != null && input.data() != null && !input.data().equals(existing.get(EntityFields.DATA))) {
            String dataField = reference.field().isEmpty() ? EntityFields.DATA : reference.field() + "." + EntityFields.DATA;
            reference.item().reject(dataField, "would change label '" + reference.id()
                    + "'; a label's data is changed with PUT /connections/v1/labels");
            return false;
        }
        return true;
    }

    /** Reports every reference, as a connection end, to a label that is not connectable. */
    public void requireConnectable() {
        for (Reference reference : references) {
            Document entity = stored.get(reference.id());
            if (entity != null && Boolean.FALSE.equals(entity.getBoolean(EntityFields.CONNECTABLE))) {
                reference.item().reject(reference.field(), "names label '" + reference.id()
                        + "', which is not connectable (flags.connectable is false)");
            }
        }
    }

    /** Stores new entities and changed data (one command), and refreshes the connections showing changed ones. */
    public void write() {
        Date now = new Date();
        List<Document> created = new ArrayList<>();
        Map<String, Document> changed = new LinkedHashMap<>();
        for (EntityInput input : sent.values()) {
            Document existing = stored.get(input.id());
            if (existing == null) {
                Document data = input.data() == null ? new Document() : input.data();
                Document entity = new Document(EntityFields.ID, input.id()).append(EntityFields.TYPE, input.type())
                        .append(EntityFields.DATA, data).append(Entities.CREATED_AT, now).append(Entities.UPDATED_AT, now);
                created.add(entity);
                written.put(input.id(), entity);
            } else if (input.data() != null && !input.data().equals(existing.get(EntityFields.DATA))) {
                changed.put(input.id(), input.data());
                written.put(input.id(), new Document(existing).append(EntityFields.DATA, input.data())
                        .append(Entities.UPDATED_AT, now));
            }
        }
        entities.claim(tenantId, stored.keySet());
        entities.write(tenantId, created, changed, now);
    }

    /** The entity as it is now: written by this batch, or as stored. */
    public @Nullable Document current(String id) {
        Document entity = written.get(id);
        return entity != null ? entity : stored.get(id);
    }

    /** The entity as a connection shows it. */
    public EntityView view(String id) {
        Document entity = current(id);
        if (entity == null) {
            throw new IllegalStateException("Entity " + id + " was not resolved before use");
        }
        return EntityView.of(entity);
    }

    private record Reference(Item item, String field, String id, @Nullable EntityInput input) {
    }
}

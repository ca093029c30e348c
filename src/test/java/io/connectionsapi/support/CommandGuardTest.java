package io.connectionsapi.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** The guard's rules on commands written by hand: each rule finds what it is for, and passes what is right. */
class CommandGuardTest {

    private static BsonDocument command(String json) {
        return BsonDocument.parse(json);
    }

    @Test
    void aFilterWithoutItsTenantIsAViolationWhereverItHides() {
        assertThat(CommandGuard.problems("find", command("{find: 'connections', filter: {_id: 'x'}, limit: 1}")))
                .containsExactly("the find filter has no tenant_id equality");
        assertThat(CommandGuard.problems("find", command("{find: 'connections', filter: {tenant_id: {$ne: 't'}}, limit: 1}")))
                .containsExactly("the find filter has no tenant_id equality");
        assertThat(CommandGuard.problems("find", command(
                "{find: 'connections', filter: {$or: [{tenant_id: 't'}, {_id: 'x'}]}, limit: 1}")))
                .containsExactly("the find filter has no tenant_id equality");
        assertThat(CommandGuard.problems("delete", command(
                "{delete: 'labels', deletes: [{q: {tenant_id: 't'}, limit: 0}, {q: {_id: 'x'}, limit: 0}]}")))
                .containsExactly("the delete filter has no tenant_id equality");
        assertThat(CommandGuard.problems("update", command(
                "{update: 'connections', ordered: false, updates: [{q: {_id: 'x'}, u: {$set: {a: 1}}}]}")))
                .containsExactly("the update filter has no tenant_id equality");
        assertThat(CommandGuard.problems("aggregate", command(
                "{aggregate: 'entities', pipeline: [{$group: {_id: 1, n: {$sum: 1}}}], cursor: {}}")))
                .containsExactly("the aggregate's first $match has no tenant_id equality");
        assertThat(CommandGuard.problems("distinct", command("{distinct: 'label_mappings', key: 'label_id', query: {}}")))
                .containsExactly("the distinct query has no tenant_id equality");
        assertThat(CommandGuard.problems("insert", command(
                "{insert: 'labels', ordered: true, documents: [{_id: 'a', tenant_id: 't'}, {_id: 'b'}]}")))
                .containsExactly("an inserted document has no tenant_id");
    }

    @Test
    void theTenantMayBeTopLevelOrInATopLevelAnd() {
        assertThat(CommandGuard.problems("find", command("{find: 'labels', filter: {tenant_id: 't', name: 'x'}, limit: 5}")))
                .isEmpty();
        assertThat(CommandGuard.problems("find", command(
                "{find: 'labels', filter: {$and: [{tenant_id: {$eq: 't'}}, {_id: {$in: ['a', 'b']}}]}, limit: 2, batchSize: 2}")))
                .isEmpty();
        assertThat(CommandGuard.problems("find", command("{find: 'api_keys', filter: {key_hash: 'h'}}")))
                .as("the server's own collections have no tenant").isEmpty();
    }

    @Test
    void aCursorMustCloseInItsFirstBatch() {
        assertThat(CommandGuard.problems("find", command(
                "{find: 'labels', filter: {$and: [{tenant_id: 't'}, {_id: {$in: ['a', 'b']}}]}, batchSize: 2}")))
                .containsExactly("the first batch (2) is not larger than the most results the query can have (2),"
                        + " so the cursor stays open and costs a getMore");
        assertThat(CommandGuard.problems("find", command(
                "{find: 'labels', filter: {$and: [{tenant_id: 't'}, {_id: {$in: ['a', 'b']}}]}, batchSize: 3}")))
                .isEmpty();
        assertThat(CommandGuard.problems("find", command("{find: 'connections', filter: {tenant_id: 't'}, batchSize: 25}")))
                .containsExactly("the cursor may stay open after its first batch (no limit within the batch size,"
                        + " and no bound on the number of results)");
        assertThat(CommandGuard.problems("find", command(
                "{find: 'connections', filter: {tenant_id: 't'}, skip: 25, limit: 25, batchSize: 25}"))).isEmpty();
        assertThat(CommandGuard.problems("find", command("{find: 'connections', filter: {tenant_id: 't'}, limit: 500}")))
                .as("without a batch size the first batch is 101 documents").hasSize(1);
        assertThat(CommandGuard.problems("getMore", command("{getMore: {$numberLong: '12345'}, collection: 'connections'}")))
                .containsExactly("a cursor on connections was left open by its first batch");
        assertThat(CommandGuard.problems("aggregate", command("{aggregate: 'connections', pipeline: [{$match: {tenant_id: 't'}},"
                + " {$project: {ref: ['$a', '$b']}}, {$unwind: '$ref'}, {$match: {ref: {$in: ['x', 'y']}}}, {$group: {_id: '$ref'}}],"
                + " cursor: {batchSize: 2}}"))).hasSize(1);
        assertThat(CommandGuard.problems("aggregate", command("{aggregate: 'connections', pipeline: [{$match: {tenant_id: 't'}},"
                + " {$group: {_id: 1, n: {$sum: 1}}}], cursor: {}}"))).isEmpty();
    }

    @Test
    void writesSendTheOrderedFlagThatWasDecided() {
        assertThat(CommandGuard.problems("update", command(
                "{update: 'labels', ordered: false, updates: [{q: {tenant_id: 't', _id: 'a'}, u: {$set: {name: 'x'}}}]}")))
                .containsExactly("update labels one $set is meant to be ordered true but was sent ordered false");
        assertThat(CommandGuard.problems("update", command(
                "{update: 'labels', ordered: true, updates: [{q: {tenant_id: 't', _id: 'a'}, u: {$inc: {n: 1}}}]}")))
                .singleElement().asString().startsWith("a write of a shape no one decided the ordered flag for");
        assertThat(CommandGuard.problems("update", command("{update: 'connections', ordered: false, updates: ["
                + "{q: {tenant_id: 't', _id: 'a'}, u: {$set: {strength: 1}}}, {q: {tenant_id: 't', _id: 'b'}, u: {$set: {strength: 2}}}]}")))
                .isEmpty();
    }
}

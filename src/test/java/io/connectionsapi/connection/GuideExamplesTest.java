package io.connectionsapi.connection;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.connectionsapi.support.ApiTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guide's literal example requests for connections, replayed in order. The only change is the IDs of the
 * update and delete examples: the guide's "random-id-1" and "random-id-4" stand for IDs the server assigned.
 */
class GuideExamplesTest extends ApiTest {

    static final String CREATE = """
            {
            "connections": [
            {
            "strength": -50,
            "connection_from_entity": {
            "connection_entity_id": "random-id-2",
            "connection_entity_type": "PERSON",
            "connection_entity_data": {
            "first_name": "Christian",
            "last_name": "Marca",
            "email": "[email protected]",
            "person_id": "random-id-2",
            "external_id": "ext-123"
            }
            },
            "connection_to_entity": {
            "connection_entity_id": "random-id-3",
            "connection_entity_type": "TEAM",
            "connection_entity_data": {
            "team_name": "Accounting",
            "team_id": "random-id-3",
            "external_id": "ext-456"
            }
            }
            },
            {
            "strength": 75,
            "connection_from_entity": {
            "connection_entity_id": "random-id-5",
            "connection_entity_type": "TEAM",
            "connection_entity_data": {
            "team_name": "Planning",
            "team_id": "random-id-5",
            "external_id": "ext-789"
            }
            },
            "connection_to_entity": {
            "connection_entity_id": "random-id-6",
            "connection_entity_type": "ROOM",
            "connection_entity_data": {
            "room_name": "Conference Room A",
            "room_id": "random-id-6"
            }
            }
            }
            ]
            }
            """;

    static final String UPDATE = """
            {
            "connections": [
            {
            "_id": "random-id-1",
            "strength": -40,
            "connection_from_entity": {
            "connection_entity_id": "random-id-2",
            "connection_entity_type": "PERSON",
            "connection_entity_data": {
            "first_name": "Christian",
            "last_name": "Marca",
            "email": "[email protected]",
            "person_id": "random-id-2",
            "external_id": "ext-123"
            }
            },
            "connection_to_entity": {
            "connection_entity_id": "random-id-3",
            "connection_entity_type": "TEAM",
            "connection_entity_data": {
            "team_name": "Accounting Updated",
            "team_id": "random-id-3",
            "external_id": "ext-456"
            }
            }
            },
            {
            "_id": "random-id-4",
            "strength": 80,
            "connection_from_entity": {
            "connection_entity_id": "random-id-5",
            "connection_entity_type": "TEAM",
            "connection_entity_data": {
            "team_name": "Planning Updated",
            "team_id": "random-id-5",
            "external_id": "ext-789"
            }
            },
            "connection_to_entity": {
            "connection_entity_id": "random-id-6",
            "connection_entity_type": "ROOM",
            "connection_entity_data": {
            "room_name": "Conference Room A Updated",
            "room_id": "random-id-6"
            }
            }
            }
            ]
            }
            """;

    static final String DELETE = """
            {
            "connections": [
            {
            "connection_id": "random-id-1"
            },
            {
            "connection_id": "random-id-4"
            }
            ]
            }
            """;

    @Test
    void theGuidesExampleRequestsSucceedInOrder() {
        List<String> ids = as().header("Accept", "*/*").body(CREATE).post(BASE + "/connections").then()
                .statusCode(200)
                .body("identifier", equalTo("create_connections_successful"))
                .body("data.strength", contains(-50, 75))
                .body("data[0].connection_from_entity.connection_entity_data.external_id", equalTo("ext-123"))
                .extract().path("data._id");

        as().header("Accept", "*/*").get(BASE + "/connections").then()
                .statusCode(200)
                .body("identifier", equalTo("get_connections_successful"))
                .body("data.connections", hasSize(2))
                .body("data.pagination.total_results", equalTo(2))
                .body("pagination.current_results.from", equalTo(1))
                .body("pagination.current_results.to", equalTo(2));

        as().header("Accept", "*/*").body(UPDATE.replace("random-id-1", ids.get(0)).replace("random-id-4", ids.get(1)))
                .put(BASE + "/connections").then()
                .statusCode(200)
                .body("identifier", equalTo("update_connections_successful"))
                .body("data.strength", contains(-40, 80))
                .body("data[0].connection_to_entity.connection_entity_data.team_name", equalTo("Accounting Updated"))
                .body("data[1].connection_to_entity.connection_entity_data.room_name", equalTo("Conference Room A Updated"));

        as().header("Accept", "*/*").body(DELETE.replace("random-id-1", ids.get(0)).replace("random-id-4", ids.get(1)))
                .delete(BASE + "/connections").then()
                .statusCode(200)
                .body("identifier", equalTo("delete_connections_successful"))
                .body("data.connections.connection_id", contains(ids.get(0), ids.get(1)));

        get("/connections").body("data.connections", hasSize(0));
    }
}

package io.connectionsapi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import io.connectionsapi.support.OpenApiRules;
import io.connectionsapi.web.ApiException;
import io.connectionsapi.web.ErrorDetail;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The new-key request's rules, without a database, and the OpenAPI document's agreement with them. */
class NewKeyRequestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theOpenApiDocumentStatesTheSameRules() {
        OpenApiRules.assertCreateAgrees(NewKeyRequest.RULES, "CreateApiKeyRequest");
    }

    @Test
    void aValidRequestIsTyped() {
        NewKeyRequest request = NewKeyRequest.read(JSON.readTree("{\"tenant_id\": \"acme\", \"name\": \"sync\", \"scopes\": [\"read\", \"write\"]}"));
        assertThat(request).isEqualTo(new NewKeyRequest("acme", "sync", List.of("read", "write"), null));
        assertThat(request.grantedScopes()).isEqualTo(EnumSet.of(Scope.READ, Scope.WRITE));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> NewKeyRequest.read(JSON.readTree(
                "{\"tenant_id\": \"a b\", \"name\": null, \"scopes\": [\"read\", \"read\"], \"expires_at\": \"2000-01-01T00:00:00Z\"}")));
        assertThat(refused.errors()).extracting(ErrorDetail::field, ErrorDetail::message).containsExactly(
                tuple("name", "is required"),
                tuple("tenant_id", "must be 1 to 64 letters, digits, '_' or '-'"),
                tuple("scopes", "must be a non-empty array of distinct values from admin, read, write"),
                tuple("expires_at", "must be in the future"));
    }
}

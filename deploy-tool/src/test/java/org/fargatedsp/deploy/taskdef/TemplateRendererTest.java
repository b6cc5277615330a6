package org.fargatedsp.deploy.taskdef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fargatedsp.config.ConfigException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;

class TemplateRendererTest {

    @Test
    void substitutesAndEscapesValuesForJsonStrings() {
        String json = TemplateRenderer.substitute("{\"family\":\"${F}\",\"x\":\"${Q}\"}",
                Map.of("F", "bidder", "Q", "say \"hi\"\\"), "t.json");

        assertThat(json).isEqualTo("{\"family\":\"bidder\",\"x\":\"say \\\"hi\\\"\\\\\"}");
    }

    @Test
    void unknownFieldsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> TemplateRenderer.parse("{\"family\":\"b\",\"containerDefinitons\":[]}", "t.json"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown field \"containerDefinitons\"");
    }

    @Test
    void invalidJsonIsReportedWithItsLine() {
        assertThatThrownBy(() -> TemplateRenderer.parse("{\n\"family\": \"b\",,\n}", "t.json"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("(line 2)");
    }

    @Test
    void parsedRequestKeepsNestedFieldsAndEnums() {
        RegisterTaskDefinitionRequest request = TemplateRenderer.parse("{\"family\":\"b\",\"networkMode\":\"awsvpc\","
                + "\"containerDefinitions\":[{\"name\":\"bidder\",\"image\":\"i\",\"healthCheck\":{\"command\":"
                + "[\"CMD-SHELL\",\"true\"],\"interval\":10}}]}", "t.json");

        assertThat(request.networkModeAsString()).isEqualTo("awsvpc");
        assertThat(request.containerDefinitions().get(0).healthCheck().interval()).isEqualTo(10);
    }
}

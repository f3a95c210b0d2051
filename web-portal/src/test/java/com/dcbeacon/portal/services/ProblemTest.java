package com.dcbeacon.portal.services;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void shouldNameEachFieldOfAServicesProblem() {
        Problem problem = Problem.parse(400, """
                {"type":"about:blank","title":"Invalid request","status":400,
                 "detail":"email: must be a well-formed email address",
                 "violations":[{"field":"email","message":"must be a well-formed email address"},
                               {"field":"shippingAddress.country","message":"must be an ISO 3166-1 alpha-2 code"}]}
                """);

        assertThat(problem.present()).isTrue();
        assertThat(problem.summary()).isEqualTo("Please check the fields marked below.");
        assertThat(problem.field("email")).isEqualTo("must be a well-formed email address");
        assertThat(problem.field("shippingAddress.country")).isEqualTo("must be an ISO 3166-1 alpha-2 code");
        assertThat(problem.field("name")).isNull();
    }

    @Test
    void shouldMatchAListFieldByItsElements() {
        Problem problem = Problem.parse(
                400,
                "{\"title\":\"Invalid request\",\"violations\":[{\"field\":\"allergens[0]\",\"message\":\"unknown\"}]}");

        assertThat(problem.field("allergens")).isEqualTo("unknown");
        assertThat(problem.field("allergensX")).isNull();
    }

    @Test
    void shouldSummarizeAProblemThatNamesNoFieldByItsDetail() {
        Problem problem =
                Problem.parse(409, "{\"title\":\"Conflict\",\"status\":409,\"detail\":\"the box is packed already\"}");

        assertThat(problem.summary()).isEqualTo("the box is packed already");
        assertThat(problem.fields()).isEmpty();
        assertThat(Problem.parse(409, "{\"title\":\"Conflict\"}").summary()).isEqualTo("Conflict");
    }

    @Test
    void shouldShowOnlyTheStatusOfAnAnswerThatIsNoProblem() {
        Problem problem = Problem.parse(502, "<html>Bad gateway</html>");

        assertThat(problem.summary()).isEqualTo("The request was refused (502).");
        assertThat(problem.fields()).isEmpty();
        assertThat(Problem.none().present()).isFalse();
    }
}

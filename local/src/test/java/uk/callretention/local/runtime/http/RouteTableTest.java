package uk.callretention.local.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTest {
    private static final RouteTable ROUTES = new RouteTable(List.of(
            route("GET", "/recordings/{id}"),
            route("GET", "/recordings/search"),
            route("POST", "/recordings/{id}/holds"),
            route("DELETE", "/recordings/{id}/holds/{holdId}"),
            route("GET", "/")));

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            GET    | /recordings/search            | GET /recordings/search
            GET    | /recordings/rec-1             | GET /recordings/{id}
            POST   | /recordings/rec-1/holds       | POST /recordings/{id}/holds
            DELETE | /recordings/rec-1/holds/h-2   | DELETE /recordings/{id}/holds/{holdId}
            GET    | /                             | GET /
            DELETE | /recordings/rec-1/holds       | none
            POST   | /recordings/rec-1             | none
            GET    | /recordings/rec-1/holds/extra | none
            """)
    void find_whenSeveralRoutesCouldMatch_theMostSpecificWins(String method, String path, String routeKey) {
        assertThat(ROUTES.find(method, path).map(match -> match.route().routeKey())).isEqualTo(Optional.ofNullable(routeKey));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /recordings/rec%201         | id=rec 1
            /recordings/a+b             | id=a+b
            /recordings/call%2B1        | id=call+1
            """)
    void find_whenThePathHasVariables_theirValuesAreDecoded(String path, String parameter) {
        String[] nameAndValue = parameter.split("=", 2);

        assertThat(ROUTES.find("GET", path).orElseThrow().pathParameters()).isEqualTo(Map.of(nameAndValue[0], nameAndValue[1]));
    }

    private static Route route(String method, String path) {
        return new Route("Function", "Event", "Api", method, path, Optional.empty());
    }
}

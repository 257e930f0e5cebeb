package uk.callretention.local.runtime.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import uk.callretention.local.runtime.Json;
import uk.callretention.local.template.FunctionDefinition;
import uk.callretention.local.template.Intrinsics;
import uk.callretention.local.template.Properties;
import uk.callretention.local.template.Template;

/** The template's ScheduleV2 events. */
public final class Schedules {
    private Schedules() {
    }

    public static List<Schedule> from(Template template, Intrinsics intrinsics) {
        List<Schedule> schedules = new ArrayList<>();
        for (FunctionDefinition function : template.functions().values()) {
            function.events().forEach((name, event) -> {
                if (event.type().equals("ScheduleV2")) {
                    schedules.add(schedule(function.logicalId(), name, Properties.ofEvent(function.logicalId(), name, event, intrinsics)));
                }
            });
        }
        return schedules;
    }

    private static Schedule schedule(String functionLogicalId, String eventName, Properties properties) {
        String expression = properties.requiredString("ScheduleExpression");
        String zoneName = properties.string("ScheduleExpressionTimezone").orElse("UTC");
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneName);
        } catch (DateTimeException e) {
            throw properties.problem("ScheduleExpressionTimezone " + zoneName + " is not a time zone such as Europe/London");
        }
        ScheduleExpression parsed;
        try {
            parsed = ScheduleExpression.parse(expression, zone);
        } catch (IllegalArgumentException e) {
            throw properties.problem("ScheduleExpression " + expression + ": " + e.getMessage());
        }
        // Scheduler sends the Input as it is; with none, the function gets an empty object
        Object input = properties.string("Input").map(text -> {
            try {
                return Json.parse(text);
            } catch (IllegalArgumentException e) {
                throw properties.problem("Input must be a JSON string for a Lambda target: " + e.getMessage());
            }
        }).orElse(Map.of());
        boolean enabled = !"DISABLED".equalsIgnoreCase(properties.string("State").orElse("ENABLED"));
        return new Schedule(functionLogicalId, eventName, expression, parsed, input, enabled);
    }
}

package dev.vcrproxy.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vcrproxy.cassette.Json;
import dev.vcrproxy.faults.FaultPlan;
import dev.vcrproxy.faults.FaultRule;
import dev.vcrproxy.faults.InvalidFaultException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET/PUT/DELETE /__vcr/faults}: the fault rules set at run time, {@code {"rules": [...], "seed": 1}}.
 * A PUT replaces them (and restarts their counts); a DELETE clears them. {@code --fault} rules are
 * shown too, under {@code flag_rules}, and stay.
 */
final class FaultsTask {
    private static final Logger log = LoggerFactory.getLogger(FaultsTask.class);
    private static final String EXAMPLE = "{\"rules\": [\"status:429@times=2\", \"rechunk:7\"], \"seed\": 1}";

    private FaultsTask() {
    }

    static AdminResponse get(AdminRequest request, AdminContext context) {
        return answer(context.faults(), context.faults().admin());
    }

    static AdminResponse put(AdminRequest request, AdminContext context) {
        JsonNode body = Json.parse(request.body()).filter(JsonNode::isObject)
                .orElseThrow(() -> new IllegalArgumentException("expected a JSON body like " + EXAMPLE));
        JsonNode rules = body.path("rules");
        JsonNode seed = body.path("seed");
        if (!rules.isArray() || !seed.isMissingNode() && !seed.isIntegralNumber()) {
            throw new IllegalArgumentException("expected a JSON body like " + EXAMPLE + " (seed optional, a whole number)");
        }
        List<FaultRule> parsed = new ArrayList<>();
        try {
            for (JsonNode rule : rules) {
                if (!rule.isTextual()) {
                    throw new InvalidFaultException(rule.toString(), "a rule is a string");
                }
                parsed.addAll(FaultRule.parseList(rule.textValue()));
            }
        } catch (InvalidFaultException e) {
            return AdminResponse.error(400, "vcr_invalid_fault", e.getMessage());
        }
        FaultPlan.Settings settings = context.faults().set(parsed, seed.isMissingNode() ? null : seed.longValue());
        log.info("fault rules: {} (seed {})", parsed.isEmpty() ? "none" : parsed, settings.seed());
        return answer(context.faults(), settings);
    }

    static AdminResponse delete(AdminRequest request, AdminContext context) {
        FaultPlan.Settings settings = context.faults().clear();
        log.info("fault rules cleared");
        return answer(context.faults(), settings);
    }

    private static AdminResponse answer(FaultPlan plan, FaultPlan.Settings settings) {
        ObjectNode body = Json.object();
        settings.rules().forEach(r -> body.withArray("rules").add(r.text()));
        body.withArray("rules");
        body.put("seed", settings.seed());
        plan.flagRules().forEach(r -> body.withArray("flag_rules").add(r.text()));
        body.withArray("flag_rules");
        return AdminResponse.ok(body);
    }
}

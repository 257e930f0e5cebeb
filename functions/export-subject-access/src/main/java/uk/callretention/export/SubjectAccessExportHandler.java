package uk.callretention.export;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.callretention.access.SubjectAccessExport;
import uk.callretention.access.SubjectAccessExports.Status;
import uk.callretention.access.SubjectAccessExports;
import uk.callretention.http.ApiRoutes.Answer;
import uk.callretention.http.ApiRoutes;

/**
 * Subject access exports, behind the JWT authorizer, for the council's DPO: asks for one (queued for
 * {@link BuildExportHandler}) and shows its state, with a download link once it is ready. Its role reads the catalogue
 * by caller and the caller-hash key, writes the exports table and queue, and signs links to the exports bucket alone.
 */
public final class SubjectAccessExportHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String REQUEST_EXPORT = "POST /subject-access/exports";
    static final String EXPORT_STATUS = "GET /subject-access/exports/{exportId}";

    private final ApiRoutes routes;

    /** Lambda's constructor. */
    public SubjectAccessExportHandler() {
        this(System.getenv());
    }

    /** The local runtime's and tests' constructor: the environment the template gives the function. */
    public SubjectAccessExportHandler(Map<String, String> environment) {
        this(ExportFactory.api(environment, System.out, Clock.systemUTC()));
    }

    SubjectAccessExportHandler(ExportFactory.Api f) {
        this.routes = new ApiRoutes(f.log())
                .route(REQUEST_EXPORT, (request, who) -> Answer.of(f.exports().request(who, request.body()), 202, SubjectAccessExportHandler::asked))
                .route(EXPORT_STATUS, (request, who) -> Answer.of(f.exports().status(who, request.path("exportId")), 200, SubjectAccessExportHandler::status));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return routes.handle(event, context.getAwsRequestId());
    }

    private static Object asked(SubjectAccessExport export) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("exportId", export.exportId());
        json.put("state", export.state().id());
        json.put("recordings", export.recordingIds().size());
        return json;
    }

    private static Object status(Status status) {
        SubjectAccessExport export = status.export();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("exportId", export.exportId());
        json.put("council", export.council());
        json.put("from", export.from().toString());
        json.put("to", export.to().toString());
        json.put("reference", export.reference());
        json.put("state", status.state().id());
        json.put("recordings", export.recordingIds().size());
        json.put("askedAt", export.askedAt().toString());
        json.put("expiresAt", export.expiresAt().toString());
        if (status.state() == SubjectAccessExport.State.FAILED) {
            json.put("reason", export.failure());
        }
        status.download().ifPresent(download -> {
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("url", download.url().toString());
            link.put("expiresAt", download.expiresAt().toString());
            link.put("contentType", SubjectAccessExports.CONTENT_TYPE);
            json.put("download", link);
        });
        return json;
    }
}

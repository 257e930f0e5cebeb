package uk.callretention.local.runtime.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads S3 Control's CreateJob body (REST-XML, as the SDKs send it) into a {@link JobSpec}, refusing with a
 * message that names the element whatever the local runtime cannot run.
 */
final class CreateJobRequests {
    static final String CSV_FORMAT = "S3BatchOperations_CSV_20180820";
    static final String REPORT_FORMAT = "Report_CSV_20180820";
    static final String SCHEMA_VERSION = "2.0";
    /** The template's jobs report every task; FailedTasksOnly is refused. */
    static final String REPORT_SCOPE = "AllTasks";
    private static final List<String> FIELD_NAMES = List.of("Ignore", "Bucket", "Key", "VersionId");

    private CreateJobRequests() {
    }

    static JobSpec parse(byte[] body) throws BatchRequestException {
        Element request = document(body);
        if (child(request, "ManifestGenerator").isPresent()) {
            throw BatchRequestException.badRequest("ManifestGenerator is not supported by the local runtime; give a Manifest (a CSV object in S3)");
        }
        if (text(request, "ConfirmationRequired").map(Boolean::parseBoolean).orElse(false)) {
            throw BatchRequestException.badRequest("ConfirmationRequired true is not supported by the local runtime: its jobs run as soon as they are created");
        }
        Element manifest = required(request, "Manifest");
        Element operation = required(request, "Operation");
        Element lambda = lambdaInvoke(operation);
        // AWS's default is 1.0, whose events name the bucket by ARN and carry no user arguments; this project's handlers take 2.0
        String schemaVersion = text(lambda, "InvocationSchemaVersion").orElse("1.0 (the default)");
        if (!schemaVersion.equals(SCHEMA_VERSION)) {
            throw BatchRequestException.badRequest("Operation.LambdaInvoke.InvocationSchemaVersion is " + schemaVersion
                    + "; the local runtime sends only schema " + SCHEMA_VERSION + " events");
        }
        return new JobSpec(text(request, "Description").orElse(null), priority(request), requiredText(request, "RoleArn"),
                text(request, "ClientRequestToken").orElse(null), location(manifest), fields(manifest),
                requiredText(lambda, "FunctionArn"), entries(lambda, "UserArguments"), report(request));
    }

    private static Element lambdaInvoke(Element operation) throws BatchRequestException {
        List<Element> chosen = children(operation);
        if (chosen.size() != 1) {
            throw BatchRequestException.badRequest("Operation must name exactly one operation; it names " + chosen.stream().map(Element::getLocalName).toList());
        }
        Element only = chosen.get(0);
        if (!only.getLocalName().equals("LambdaInvoke")) {
            throw BatchRequestException.badRequest("operation " + only.getLocalName() + " is not supported by the local runtime; it runs LambdaInvoke jobs only");
        }
        return only;
    }

    private static JobSpec.ManifestLocation location(Element manifest) throws BatchRequestException {
        Element location = required(manifest, "Location");
        String objectArn = requiredText(location, "ObjectArn");
        String prefix = "arn:aws:s3:::";
        int slash = objectArn.indexOf('/');
        if (!objectArn.startsWith(prefix) || slash < 0 || slash == objectArn.length() - 1) {
            throw BatchRequestException.badRequest("Manifest.Location.ObjectArn " + objectArn + " is not an object ARN (arn:aws:s3:::bucket/key)");
        }
        return new JobSpec.ManifestLocation(objectArn, objectArn.substring(prefix.length(), slash), objectArn.substring(slash + 1),
                text(location, "ObjectVersionId").orElse(null), requiredText(location, "ETag"));
    }

    private static List<String> fields(Element manifest) throws BatchRequestException {
        Element spec = required(manifest, "Spec");
        String format = requiredText(spec, "Format");
        if (!format.equals(CSV_FORMAT)) {
            throw BatchRequestException.badRequest("Manifest.Spec.Format " + format + " is not supported by the local runtime; it reads " + CSV_FORMAT);
        }
        List<String> fields = new ArrayList<>();
        for (Element member : child(spec, "Fields").map(CreateJobRequests::children).orElse(List.of())) {
            fields.add(member.getTextContent().trim());
        }
        if (!FIELD_NAMES.containsAll(fields) || fields.stream().filter("Bucket"::equals).count() != 1 || fields.stream().filter("Key"::equals).count() != 1
                || fields.stream().filter("VersionId"::equals).count() > 1) {
            throw BatchRequestException.badRequest("Manifest.Spec.Fields " + fields + " must name Bucket and Key once each, VersionId at most once,"
                    + " and otherwise only Ignore");
        }
        return List.copyOf(fields);
    }

    private static JobSpec.ReportSpec report(Element request) throws BatchRequestException {
        Element report = required(request, "Report");
        if (!Boolean.parseBoolean(requiredText(report, "Enabled"))) {
            return JobSpec.ReportSpec.NONE;
        }
        String format = requiredText(report, "Format");
        if (!format.equals(REPORT_FORMAT)) {
            throw BatchRequestException.badRequest("Report.Format " + format + " is not " + REPORT_FORMAT);
        }
        String scope = text(report, "ReportScope").orElse(REPORT_SCOPE);
        if (!scope.equals(REPORT_SCOPE)) {
            throw BatchRequestException.badRequest("Report.ReportScope " + scope + " is not supported by the local runtime; it reports " + REPORT_SCOPE);
        }
        String bucketArn = requiredText(report, "Bucket");
        if (!bucketArn.startsWith("arn:aws:s3:::") || bucketArn.length() == "arn:aws:s3:::".length() || bucketArn.contains("/")) {
            throw BatchRequestException.badRequest("Report.Bucket " + bucketArn + " is not a bucket ARN (arn:aws:s3:::bucket)");
        }
        return new JobSpec.ReportSpec(true, bucketArn, bucketArn.substring("arn:aws:s3:::".length()), text(report, "Prefix").orElse(null));
    }

    private static int priority(Element request) throws BatchRequestException {
        String priority = requiredText(request, "Priority");
        try {
            return Integer.parseInt(priority);
        } catch (NumberFormatException e) {
            throw BatchRequestException.badRequest("Priority " + priority + " is not a whole number");
        }
    }

    private static Map<String, String> entries(Element parent, String name) {
        Map<String, String> entries = new LinkedHashMap<>();
        child(parent, name).ifPresent(map -> children(map).forEach(entry ->
                entries.put(text(entry, "key").orElse(""), text(entry, "value").orElse(""))));
        return entries;
    }

    private static Element document(byte[] body) throws BatchRequestException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // a request body is not trusted: no DTDs, so no external entities
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (SAXException | IOException e) {
            throw BatchRequestException.badRequest("the body is not a CreateJobRequest XML document: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element required(Element parent, String name) throws BatchRequestException {
        Optional<Element> found = child(parent, name);
        if (found.isEmpty()) {
            throw BatchRequestException.badRequest(path(parent, name) + " is required");
        }
        return found.get();
    }

    private static String requiredText(Element parent, String name) throws BatchRequestException {
        Optional<String> found = text(parent, name);
        if (found.isEmpty() || found.get().isEmpty()) {
            throw BatchRequestException.badRequest(path(parent, name) + " is required");
        }
        return found.get();
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(element -> element.getTextContent().trim());
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent).stream().filter(element -> element.getLocalName().equals(name)).findFirst();
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }

    /** The element's path below the request, as the API reference names it (Manifest.Location.ETag). */
    private static String path(Element parent, String name) {
        StringBuilder path = new StringBuilder(name);
        for (Node node = parent; node instanceof Element element && element.getParentNode() instanceof Element; node = node.getParentNode()) {
            path.insert(0, element.getLocalName() + ".");
        }
        return path.toString();
    }
}

package uk.callretention.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * One HTTP request through the SDK's URL-connection client, the one every function's clients use, to a server of our
 * own on the loopback address, answered at once and closed. Made before a SnapStart snapshot: a function's first real
 * request otherwise loads the JDK's HTTP client, socket and address classes after the restore, while someone waits.
 * Nothing leaves the machine, and the connection is closed, so no connection is carried into the snapshot.
 */
final class LoopbackRequest {

    private static final Duration PATIENCE = Duration.ofSeconds(2);
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] ANSWER = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private LoopbackRequest() {
    }

    static void send() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             SdkHttpClient http = UrlConnectionHttpClient.builder().connectionTimeout(PATIENCE).socketTimeout(PATIENCE).build()) {
            server.setSoTimeout((int) PATIENCE.toMillis());
            Thread answering = new Thread(() -> answerOne(server), "snapstart-loopback");
            answering.setDaemon(true);
            answering.start();
            SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                    .uri(URI.create("http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort() + "/"))
                    .putHeader("Connection", "close").build();
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(request).build()).call();
            response.responseBody().ifPresent(LoopbackRequest::drain);
            if (!response.httpResponse().isSuccessful()) {
                throw new IllegalStateException("the loopback server answered " + response.httpResponse().statusCode());
            }
            answering.join(PATIENCE.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException("the loopback request before the snapshot failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answerOne(ServerSocket server) {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            readHead(in);
            out.write(ANSWER);
            out.flush();
        } catch (IOException e) {
            // the requesting side fails too, and says so
        }
    }

    /** Reads up to the blank line that ends a request's head: the request has no body. */
    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        while (matched < HEAD_END.length) {
            int b = in.read();
            if (b == -1) {
                return;
            }
            matched = b == HEAD_END[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static void drain(InputStream body) {
        try (body) {
            body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

/**
 * Java 11+ single file: java.net.http for the call to Qrvey, the JDK's
 * com.sun.net.httpserver for the endpoint. Runs with `java QrveyToken.java`.
 */
import { CODE_CONTRACT as C, bodyJson, type CodeRequest } from '../model'
import { javaString, linesLiteral } from '../escape'
import { comment, usageLines } from './header'

export function javaServer(request: CodeRequest): string {
  return `${comment(usageLines(request, 'java QrveyToken.java'), '// ')}
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class QrveyToken {
    static final String API_KEY = System.getenv(${javaString(C.apiKeyEnv)});
    static final String DOMAIN = envOr(${javaString(C.domainEnv)}, ${javaString(request.domain)}).replaceAll("/+$", "");
    static final int PORT = Integer.parseInt(envOr(${javaString(C.portEnv)}, ${javaString(String(C.defaultPort))}));

    // The token body, exactly as the workbench sent it (JSON text).
    static final String BODY =
        ${linesLiteral(bodyJson(request), javaString, ' +\n        ')};

    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    // Qrvey's answer is {"token": "..."}; a token is base64url text and dots, so no JSON library is needed.
    static final Pattern TOKEN = Pattern.compile("\\"token\\"\\\\s*:\\\\s*\\"([^\\"\\\\\\\\]+)\\"");

    static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    static String requestToken() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(DOMAIN + ${javaString(C.tokenPath)}))
            .timeout(Duration.ofSeconds(15))
            .header("x-api-key", API_KEY)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(BODY, StandardCharsets.UTF_8))
            .build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String text = response.body();
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new IOException("Qrvey answered " + response.statusCode() + ": " + text.substring(0, Math.min(500, text.length())));
        }
        Matcher match = TOKEN.matcher(text);
        if (!match.find()) throw new IOException("Qrvey answered without a token");
        return match.group(1);
    }

    static String json(String text) {
        StringBuilder out = new StringBuilder("\\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\\\') out.append('\\\\').append(c);
            else if (c < 0x20) out.append(String.format("\\\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    static void send(HttpExchange exchange, int status, String type, byte[] data) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, data.length);
        exchange.getResponseBody().write(data);
        exchange.close();
    }

    public static void main(String[] args) throws IOException {
        if (API_KEY == null || API_KEY.isEmpty()) {
            System.err.println(${javaString(`Set ${C.apiKeyEnv} to your Qrvey API key (it is never written into this file).`)});
            System.exit(1);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "text/plain", "Method not allowed".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals(${javaString(C.endpoint)})) {
                try {
                    String answer = "{\\"token\\": " + json(requestToken()) + ", \\"domain\\": " + json(DOMAIN) + "}";
                    send(exchange, 200, "application/json", answer.getBytes(StandardCharsets.UTF_8));
                } catch (Exception error) {
                    String answer = "{\\"error\\": " + json(String.valueOf(error.getMessage())) + "}";
                    send(exchange, 502, "application/json", answer.getBytes(StandardCharsets.UTF_8));
                }
            } else if (path.equals("/") && Files.exists(Path.of("index.html"))) {
                send(exchange, 200, "text/html; charset=utf-8", Files.readAllBytes(Path.of("index.html")));
            } else {
                send(exchange, 404, "text/plain", "Not found".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        System.out.println(${javaString(C.listeningPrefix)} + "http://127.0.0.1:" + server.getAddress().getPort());
    }
}
`
}

/**
 * PHP 8 with ext-curl, run by PHP's built-in web server as the router
 * (`php -S 127.0.0.1:4400 token.php`) or dropped into any PHP host.
 */
import { CODE_CONTRACT as C, bodyJson, type CodeRequest } from '../model'
import { singleQuoted } from '../escape'
import { comment, usageLines } from './header'

export function phpServer(request: CodeRequest): string {
  const lines = usageLines(request, `php -S 127.0.0.1:${C.defaultPort} token.php`).filter((line) => !line.startsWith('Optional'))
  lines.splice(3, 0, `Optional: ${C.domainEnv} (default ${request.domain}); the port is the one given to php -S.`)
  return `<?php
${comment(lines, '// ')}

$apiKey = getenv(${singleQuoted(C.apiKeyEnv)});
$domain = rtrim(getenv(${singleQuoted(C.domainEnv)}) ?: ${singleQuoted(request.domain)}, '/');

// The token body, exactly as the workbench sent it (JSON text).
const BODY = ${singleQuoted(bodyJson(request))};

function answer(int $status, string $type, string $data): void
{
    http_response_code($status);
    header("Content-Type: $type");
    header('Cache-Control: no-store');
    echo $data;
}

function requestToken(string $domain, string $apiKey): string
{
    $curl = curl_init($domain . ${singleQuoted(C.tokenPath)});
    curl_setopt_array($curl, [
        CURLOPT_POST => true,
        CURLOPT_POSTFIELDS => BODY,
        CURLOPT_HTTPHEADER => ['x-api-key: ' . $apiKey, 'Content-Type: application/json'],
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_TIMEOUT => 15,
    ]);
    $text = curl_exec($curl);
    if ($text === false) {
        throw new RuntimeException('Could not reach Qrvey: ' . curl_error($curl));
    }
    $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
    if ($status < 200 || $status >= 300) {
        throw new RuntimeException("Qrvey answered $status: " . substr($text, 0, 500));
    }
    $token = json_decode($text, true)['token'] ?? null;
    if (!is_string($token)) {
        throw new RuntimeException('Qrvey answered without a token');
    }
    return $token;
}

$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
if (!$apiKey) {
    answer(500, 'application/json', json_encode(['error' => ${singleQuoted(`Set ${C.apiKeyEnv} to your Qrvey API key (it is never written into this file).`)}]));
} elseif ($path === ${singleQuoted(C.endpoint)}) {
    try {
        answer(200, 'application/json', json_encode(['token' => requestToken($domain, $apiKey), 'domain' => $domain], JSON_UNESCAPED_SLASHES));
    } catch (Throwable $error) {
        answer(502, 'application/json', json_encode(['error' => $error->getMessage()]));
    }
} elseif ($path === '/' && is_file(__DIR__ . '/index.html')) {
    answer(200, 'text/html; charset=utf-8', file_get_contents(__DIR__ . '/index.html'));
} else {
    answer(404, 'text/plain', 'Not found');
}
`
}

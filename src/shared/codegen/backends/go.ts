/** Go, standard library only: net/http both for the call to Qrvey and for the endpoint. `go run main.go`. */
import { CODE_CONTRACT as C, bodyJson, type CodeRequest } from '../model'
import { goString, linesLiteral } from '../escape'
import { comment, usageLines } from './header'

export function goServer(request: CodeRequest): string {
  return `${comment(usageLines(request, 'go run main.go'), '// ')}
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"
)

// The token body, exactly as the workbench sent it (JSON text).
const body = ${linesLiteral(bodyJson(request), goString, ' +\n\t')}

var (
	apiKey = os.Getenv(${goString(C.apiKeyEnv)})
	domain = strings.TrimRight(envOr(${goString(C.domainEnv)}, ${goString(request.domain)}), "/")
	client = &http.Client{Timeout: 15 * time.Second}
)

func envOr(name, fallback string) string {
	if value := os.Getenv(name); value != "" {
		return value
	}
	return fallback
}

func requestToken() (string, error) {
	req, err := http.NewRequest(http.MethodPost, domain+${goString(C.tokenPath)}, strings.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("x-api-key", apiKey)
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	text, _ := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if res.StatusCode < 200 || res.StatusCode >= 300 {
		if len(text) > 500 {
			text = text[:500]
		}
		return "", fmt.Errorf("Qrvey answered %d: %s", res.StatusCode, text)
	}
	var answer struct {
		Token string \`json:"token"\`
	}
	if err := json.Unmarshal(text, &answer); err != nil || answer.Token == "" {
		return "", fmt.Errorf("Qrvey answered without a token")
	}
	return answer.Token, nil
}

func writeJSON(w http.ResponseWriter, status int, value any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(value)
}

func main() {
	if apiKey == "" {
		fmt.Fprintln(os.Stderr, ${goString(`Set ${C.apiKeyEnv} to your Qrvey API key (it is never written into this file).`)})
		os.Exit(1)
	}
	http.HandleFunc(${goString(C.endpoint)}, func(w http.ResponseWriter, r *http.Request) {
		token, err := requestToken()
		if err != nil {
			writeJSON(w, http.StatusBadGateway, map[string]string{"error": err.Error()})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"token": token, "domain": domain})
	})
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		http.ServeFile(w, r, "index.html")
	})
	listener, err := net.Listen("tcp", "127.0.0.1:"+envOr(${goString(C.portEnv)}, ${goString(String(C.defaultPort))}))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("%shttp://%s\\n", ${goString(C.listeningPrefix)}, listener.Addr())
	http.Serve(listener, nil)
}
`
}

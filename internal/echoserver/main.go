//go:build tools

// Command echoserver is a test helper for .ci/steps/85-real-clients.sh: it
// listens on 127.0.0.1 only (plain HTTP and HTTPS with a throw-away
// certificate, on ports the system picks), answers every request with
// 200 {}, and appends one JSON line per request to a log: method, path as
// sent, raw query, headers and body. It writes "HTTP_PORT HTTPS_PORT" to
// the -ports file once listening, and exits on SIGTERM or after -timeout.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// Entry is one logged request.
type Entry struct {
	Method  string              `json:"method"`
	Path    string              `json:"path"` // escaped, as sent
	Query   string              `json:"query"`
	Headers map[string][]string `json:"headers"`
	Body    string              `json:"body"`
}

func main() {
	logPath := flag.String("log", "requests.jsonl", "file the requests are appended to")
	portsPath := flag.String("ports", "ports", "file the HTTP and HTTPS ports are written to")
	timeout := flag.Duration("timeout", 5*time.Minute, "exit after this long")
	flag.Parse()

	out, err := os.OpenFile(*logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		log.Fatal(err)
	}
	var mu sync.Mutex
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		e := Entry{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery, Headers: r.Header, Body: string(body)}
		if r.Host != "" {
			e.Headers["Host"] = []string{r.Host}
		}
		line, _ := json.Marshal(e)
		mu.Lock()
		out.Write(append(line, '\n'))
		out.Sync()
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, "{}")
	})

	plain, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	go http.Serve(plain, handler)
	tls := httptest.NewUnstartedServer(handler)
	tls.Listener.Close()
	tls.Listener, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	tls.StartTLS()

	ports := fmt.Sprintf("%d %d\n", plain.Addr().(*net.TCPAddr).Port, tls.Listener.Addr().(*net.TCPAddr).Port)
	if err := os.WriteFile(*portsPath+".tmp", []byte(ports), 0o644); err != nil {
		log.Fatal(err)
	}
	os.Rename(*portsPath+".tmp", *portsPath)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	select {
	case <-stop:
	case <-time.After(*timeout):
	}
}

// Package clientcheck holds the test that compares what the kept-request
// readers (source/postman, source/httpfile, source/bruno, source/curl) read
// with what the real clients (newman, httpyac, the Bruno CLI, curl) send
// for the same files. .ci/steps/85-real-clients.sh runs the clients against
// internal/echoserver and then this test on the logs it wrote; without
// ATSLINT_CLIENT_LOGS the test is skipped.
package clientcheck

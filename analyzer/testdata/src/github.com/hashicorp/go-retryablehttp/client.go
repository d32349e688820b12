// Package retryablehttp is a stub of hashicorp/go-retryablehttp for the
// analyzer's tests: the API surface the analyzer models.
package retryablehttp

import (
	"context"
	"net/http"
)

type Request struct {
	*http.Request
}

type Client struct {
	HTTPClient *http.Client
	RetryMax   int
}

func NewClient() *Client { return &Client{} }

func NewRequest(method, url string, rawBody interface{}) (*Request, error) { return nil, nil }

func NewRequestWithContext(ctx context.Context, method, url string, rawBody interface{}) (*Request, error) {
	return nil, nil
}

func (c *Client) Do(req *Request) (*http.Response, error) { return nil, nil }

// Package resty is a stub of go-resty for the analyzer's tests: the API
// surface the analyzer models, nothing more.
package resty

import (
	"context"
	"net/http"
	"time"
)

type Client struct{}

type Request struct{}

type Response struct{}

func New() *Client { return &Client{} }

func (c *Client) SetBaseURL(url string) *Client                     { return c }
func (c *Client) SetHeader(header, value string) *Client            { return c }
func (c *Client) SetHeaders(headers map[string]string) *Client      { return c }
func (c *Client) SetBasicAuth(username, password string) *Client    { return c }
func (c *Client) SetAuthToken(token string) *Client                 { return c }
func (c *Client) SetQueryParam(param, value string) *Client         { return c }
func (c *Client) SetTimeout(timeout time.Duration) *Client          { return c }
func (c *Client) SetRetryCount(count int) *Client                   { return c }
func (c *Client) SetTransport(transport http.RoundTripper) *Client  { return c }
func (c *Client) R() *Request                                       { return &Request{} }
func (r *Request) SetContext(ctx context.Context) *Request          { return r }
func (r *Request) SetHeader(header, value string) *Request          { return r }
func (r *Request) SetHeaders(headers map[string]string) *Request    { return r }
func (r *Request) SetQueryParam(param, value string) *Request       { return r }
func (r *Request) SetQueryParams(params map[string]string) *Request { return r }
func (r *Request) SetQueryString(query string) *Request             { return r }
func (r *Request) SetPathParam(param, value string) *Request        { return r }
func (r *Request) SetPathParams(params map[string]string) *Request  { return r }
func (r *Request) SetBody(body interface{}) *Request                { return r }
func (r *Request) SetResult(res interface{}) *Request               { return r }
func (r *Request) SetError(err interface{}) *Request                { return r }
func (r *Request) SetBasicAuth(username, password string) *Request  { return r }
func (r *Request) SetAuthToken(token string) *Request               { return r }
func (r *Request) SetMethod(method string) *Request                 { return r }
func (r *Request) SetURL(url string) *Request                       { return r }
func (r *Request) Get(url string) (*Response, error)                { return nil, nil }
func (r *Request) Post(url string) (*Response, error)               { return nil, nil }
func (r *Request) Put(url string) (*Response, error)                { return nil, nil }
func (r *Request) Patch(url string) (*Response, error)              { return nil, nil }
func (r *Request) Delete(url string) (*Response, error)             { return nil, nil }
func (r *Request) Execute(method, url string) (*Response, error)    { return nil, nil }
func (r *Request) Send() (*Response, error)                         { return nil, nil }

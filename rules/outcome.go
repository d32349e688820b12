package rules

import "strconv"

// Outcome is the HTTP outcome a rule predicts for a request it flags: an
// exact status ("404"), a class of statuses ("4xx"), Silent or None. It is
// written as it reads, so that rule declarations and JSON output keep the
// plain text.
type Outcome string

const (
	// Silent: the provider accepts the request (a 2xx) and loses data.
	Silent Outcome = "silent"
	// None: no HTTP outcome; the rule is about the input or about
	// atslint's own directives.
	None Outcome = "none"
)

// class returns the digit of a class such as "4xx", and whether o is one.
func (o Outcome) class() (byte, bool) {
	if len(o) == 3 && o[0] >= '1' && o[0] <= '5' && o[1:] == "xx" {
		return o[0], true
	}
	return 0, false
}

// code returns the status of an exact outcome, and whether o is one.
func (o Outcome) code() (int, bool) {
	if len(o) != 3 {
		return 0, false
	}
	n, err := strconv.Atoi(string(o))
	return n, err == nil && n >= 100 && n <= 599
}

// Valid reports whether o is one of the forms an Outcome takes.
func (o Outcome) Valid() bool {
	_, isCode := o.code()
	_, isClass := o.class()
	return isCode || isClass || o == Silent || o == None
}

// Matches reports whether a response with this status is the outcome
// predicted: the same code, a code of the class, a success for Silent;
// None matches nothing.
func (o Outcome) Matches(status int) bool {
	if n, ok := o.code(); ok {
		return status == n
	}
	if c, ok := o.class(); ok {
		return status/100 == int(c-'0')
	}
	if o == Silent {
		return status >= 200 && status < 300
	}
	return false
}

// Describe says in words what o predicts, for `atslint explain`.
func (o Outcome) Describe() string {
	if _, ok := o.code(); ok {
		return string(o) + " (this status)"
	}
	if _, ok := o.class(); ok {
		return string(o) + " (any " + string(o) + " status; which one depends on the provider)"
	}
	switch o {
	case Silent:
		return "silent (the provider accepts the request and loses data: no error response tells)"
	case None:
		return "none (no HTTP outcome: a problem with the input or with an ignore)"
	}
	return string(o)
}

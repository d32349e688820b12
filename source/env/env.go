// Package env reads the environment file given with --env: the variables
// that fill {{name}} in Postman collections, Insomnia exports, Bruno
// request files and .http files.
package env

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/atslint/atslint/source/bruno"
	"github.com/atslint/atslint/source/httpfile"
)

// Read reads an environment file, whichever of these it is:
//
//   - a Postman environment ({"values": [{"key", "value", "enabled"}]}),
//   - a Bruno environment (a .bru file with a vars block),
//   - a JetBrains http-client.env.json ({"name": {"var": value}}), of
//     which the environment called name is used (without a name, the
//     values every environment agrees on),
//   - a flat JSON object of variables ({"baseUrl": "…"}), or
//   - a dotenv file (NAME=value lines).
func Read(fileName string, data []byte, name string) (map[string]string, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if bruno.IsPath(fileName) {
		return bruno.EnvVars(data), nil
	}
	t := bytes.TrimSpace(data)
	if len(t) > 0 && t[0] == '{' {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(t, &obj); err != nil {
			return nil, errors.New("not a JSON object: " + err.Error())
		}
		if raw, ok := obj["values"]; ok {
			var values []struct {
				Key     string `json:"key"`
				Value   any    `json:"value"`
				Enabled *bool  `json:"enabled"`
			}
			if err := json.Unmarshal(raw, &values); err != nil {
				return nil, errors.New(`Postman environment "values" must be an array of {"key", "value"}`)
			}
			out := map[string]string{}
			for _, v := range values {
				if v.Enabled == nil || *v.Enabled {
					if s, ok := scalar(v.Value); ok {
						out[v.Key] = s
					}
				}
			}
			return out, nil
		}
		nested := len(obj) > 0
		for _, raw := range obj {
			if r := bytes.TrimSpace(raw); len(r) == 0 || r[0] != '{' {
				nested = false
			}
		}
		if nested {
			return httpfile.JetBrainsEnv(t, name), nil
		}
		out := map[string]string{}
		for k, raw := range obj {
			var v any
			if json.Unmarshal(raw, &v) == nil {
				if s, ok := scalar(v); ok {
					out[k] = s
				}
			}
		}
		return out, nil
	}
	out := map[string]string{}
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			return nil, errors.New("line " + strconv.Itoa(n+1) + ": expected NAME=value")
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		}
		out[strings.TrimSpace(k)] = v
	}
	return out, nil
}

func scalar(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}
